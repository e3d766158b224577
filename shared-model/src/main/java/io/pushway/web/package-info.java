/**
 * Web plumbing both services share: the JSON mapper bean, RFC 9457 problem+json errors
 * ({@link io.pushway.web.Problems}, {@link io.pushway.web.ProblemHandler}), and the JWT resource-server
 * security chain ({@link io.pushway.web.SecurityChains}) with its cache of verified tokens. Services import
 * {@link io.pushway.web.WebConfiguration} and {@code classpath:pushway-common.yml}.
 */
package io.pushway.web;
