// Package jobboard holds the built-in theme: the layouts, interface
// strings, archetypes and assets of this repository, which is also the
// example site. A site folder needs only content/; a file it has under
// layouts/ or assets/ replaces the built-in one of the same name (see
// internal/theme).
package jobboard

import "embed"

// Theme is the built-in theme, read as the site folder's layouts/ and
// assets/ are.
//
//go:embed layouts/*.html layouts/i18n/*.yaml layouts/archetypes/*.md assets/*
var Theme embed.FS
