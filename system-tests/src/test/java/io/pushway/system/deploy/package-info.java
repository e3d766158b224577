/**
 * Checks of the deployment artefacts that need no container engine: the service images Jib builds
 * (read from their tarballs) and {@code docker-compose.yml}. Surefire runs them in {@code verify}.
 */
package io.pushway.system.deploy;
