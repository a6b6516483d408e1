/** Login throttling: progressive delays per client IP, account and IP, known device and account, kept in Redis. */
package dev.authgate.throttle;
