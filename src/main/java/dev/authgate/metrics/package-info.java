/** Prometheus metrics: Vert.x HTTP server metrics plus authgate's own login, token, hash and Redis series. */
package dev.authgate.metrics;
