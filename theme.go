// Package jobboard holds the built-in theme: the layouts, interface
// strings, archetypes and assets of this repository, which is also the
// example site. A site folder needs only content/; a file it has under
// layouts/ or assets/ replaces the built-in one of the same name (see
// internal/theme). assets/admin/ is the browser editor's program (Decap
// CMS, pinned: see assets/admin/README.md), copied as is to /admin/ of a
// site whose site.yaml has an editor: group; it adds about 6.5 MB to the
// executable.
package jobboard

import "embed"

// Theme is the built-in theme, read as the site folder's layouts/ and
// assets/ are.
//
//go:embed layouts/*.html layouts/i18n/*.yaml layouts/archetypes/*.md assets/* assets/admin/*
var Theme embed.FS
