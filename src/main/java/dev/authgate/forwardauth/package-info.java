/**
 * Forward authentication for API gateways: {@code /auth/verify} for NGINX auth_request, Traefik forwardAuth and
 * Envoy ext_authz, with per-route permission rules, path normalisation and a shared cache of verified tokens.
 */
package dev.authgate.forwardauth;
