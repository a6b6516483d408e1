/** The HTTP edge: the verticle and router, JSON body parsing, and the mapping of failures to problem+json. */
package dev.authgate.http;
