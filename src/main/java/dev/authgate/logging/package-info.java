/** Log format selection, request ids and the optional access log. */
package dev.authgate.logging;
