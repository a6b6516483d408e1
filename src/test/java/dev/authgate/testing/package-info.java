/**
 * Test support shared by test classes, such as a real Redis server per test class.
 */
package dev.authgate.testing;
