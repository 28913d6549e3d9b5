/** The {@code baton} command-line admin tool, built on the public SDK ({@code io.baton.client}). */
package io.baton.cli;
