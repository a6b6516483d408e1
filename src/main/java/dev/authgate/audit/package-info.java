/** The security audit trail: typed events appended to a Redis Stream with stable field names. */
package dev.authgate.audit;
