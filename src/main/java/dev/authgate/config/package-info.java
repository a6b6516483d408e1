/** Typed gateway settings, read from {@code conf/authgate.yaml} and overridden by {@code AUTHGATE_*} variables. */
package dev.authgate.config;
