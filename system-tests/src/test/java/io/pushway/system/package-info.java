/**
 * System tests: the packaged services as processes ({@link io.pushway.system.SystemStack}), driven
 * over HTTPS with real clients.
 */
package io.pushway.system;
