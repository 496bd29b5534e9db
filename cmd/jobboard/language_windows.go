//go:build windows

package main

import "golang.org/x/sys/windows"

// systemLanguage is the language of the user's Windows display, like
// "fr-FR": Windows sets none of the variables that choose it elsewhere.
func systemLanguage() string {
	langs, err := windows.GetUserPreferredUILanguages(windows.MUI_LANGUAGE_NAME)
	if err != nil || len(langs) == 0 {
		return ""
	}
	return langs[0]
}
