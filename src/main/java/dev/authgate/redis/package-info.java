/** Access to Redis: the client settings, the key layout, and time-bounded commands. */
package dev.authgate.redis;
