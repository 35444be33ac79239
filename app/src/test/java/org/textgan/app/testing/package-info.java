/** Fixtures shared by the app's tests that start {@code textgan} in child JVMs. */
package org.textgan.app.testing;
