/** Liveness and readiness probes for Kubernetes and load balancers. */
package dev.authgate.health;
