/** Sessions in Redis: refresh tokens, rotation, revocation, and the refresh and logout endpoints. */
package dev.authgate.session;
