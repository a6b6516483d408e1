/**
 * Development mode: an embedded Redis and demo data, never used in production.
 */
package dev.authgate.devmode;
