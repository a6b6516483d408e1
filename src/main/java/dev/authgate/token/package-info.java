/** Signing keys, access-token issue and verification, and the JWKS and discovery documents. */
package dev.authgate.token;
