/** Revocation broadcast: every instance announces ended sessions over Redis pub/sub and rejects their tokens. */
package dev.authgate.revocation;
