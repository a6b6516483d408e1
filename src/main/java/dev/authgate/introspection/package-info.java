/** OAuth 2.0 token introspection (RFC 7662) for resource servers that authenticate with client credentials. */
package dev.authgate.introspection;
