//go:build !windows

package main

// systemLanguage is "": elsewhere LANG, set by the system or the
// terminal, says the user's language.
func systemLanguage() string { return "" }
