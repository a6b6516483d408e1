/** The user profile body in Redis and the {@code GET /me} endpoint that serves it during a session. */
package dev.authgate.profile;
