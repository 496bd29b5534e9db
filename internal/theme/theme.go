// Package theme lays a site folder over the built-in theme: a file the
// site has under layouts/ or assets/ replaces the built-in file of the
// same name, file by file, and a folder lists the files of both. Anything
// else (content/) is the site's alone.
//
// Interface strings are the exception: a site's layouts/i18n/<lang>.yaml
// replaces the built-in strings key by key, not the whole file (see
// package render, which reads both with Layers).
package theme

import (
	"errors"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/msg"
)

// Overlay is the site folder Site over the built-in theme Theme. With a
// nil Theme it is the site folder alone.
type Overlay struct {
	Site, Theme fs.FS
}

// New returns site laid over theme, or site itself when theme is nil.
func New(site, theme fs.FS) fs.FS {
	if theme == nil {
		return site
	}
	return Overlay{Site: site, Theme: theme}
}

// Themed reports whether a path is one the theme may provide.
func Themed(name string) bool {
	for _, dir := range []string{"layouts", "assets"} {
		if name == dir || strings.HasPrefix(name, dir+"/") {
			return true
		}
	}
	return false
}

// Open opens name in the site folder, else, under layouts/ and assets/,
// in the theme.
func (o Overlay) Open(name string) (fs.File, error) {
	f, err := o.Site.Open(name)
	if !Themed(name) || (err != nil && !errors.Is(err, fs.ErrNotExist)) {
		return f, err
	}
	if err != nil {
		return o.Theme.Open(name)
	}
	if fi, err := f.Stat(); err != nil || !fi.IsDir() {
		return f, err
	}
	// A folder of both lists the files of both.
	es, err := o.ReadDir(name)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &dir{File: f, entries: es}, nil
}

// dir is a folder of the site whose entries are those of the overlay.
type dir struct {
	fs.File
	entries []fs.DirEntry
	read    int
}

func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.read:]
	if n <= 0 {
		d.read = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	rest = rest[:min(n, len(rest))]
	d.read += len(rest)
	return rest, nil
}

// ReadFile reads name as Open finds it.
func (o Overlay) ReadFile(name string) ([]byte, error) {
	data, err := fs.ReadFile(o.Site, name)
	if err == nil || !Themed(name) || !errors.Is(err, fs.ErrNotExist) {
		return data, err
	}
	return fs.ReadFile(o.Theme, name)
}

// Stat describes name as Open finds it.
func (o Overlay) Stat(name string) (fs.FileInfo, error) {
	fi, err := fs.Stat(o.Site, name)
	if err == nil || !Themed(name) || !errors.Is(err, fs.ErrNotExist) {
		return fi, err
	}
	return fs.Stat(o.Theme, name)
}

// ReadDir lists a folder of both, the site's entry first when both have
// one of the same name, sorted by name.
func (o Overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	site, err := fs.ReadDir(o.Site, name)
	if !Themed(name) {
		return site, err
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	theme, terr := fs.ReadDir(o.Theme, name)
	if errors.Is(terr, fs.ErrNotExist) {
		return site, err // the site's folder, or the error saying there is none
	}
	if terr != nil {
		return nil, terr
	}
	seen := map[string]bool{}
	for _, e := range site {
		seen[e.Name()] = true
	}
	for _, e := range theme {
		if !seen[e.Name()] {
			site = append(site, e)
		}
	}
	slices.SortFunc(site, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return site, nil
}

// Layers are the bytes of name in the theme and in the site folder, nil
// where it has no such file: for the files read in layers, like the
// interface strings. A file system that is no Overlay is the site's alone.
func Layers(fsys fs.FS, name string) (builtin, site []byte, err error) {
	o, ok := fsys.(Overlay)
	if !ok {
		site, err = fs.ReadFile(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			err = nil
		}
		return nil, site, err
	}
	builtin, err = fs.ReadFile(o.Theme, name)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, nil, err
	}
	site, err = fs.ReadFile(o.Site, name)
	if errors.Is(err, fs.ErrNotExist) {
		err = nil
	}
	return builtin, site, err
}

// Check reports, as warnings, the files of a site's layouts/ that replace
// nothing of the built-in theme: a layout or archetype the theme does not
// have (renamed or removed in a new version, or misspelt), and interface
// strings it does not know. A site's own partials (_name.html) and
// archetypes for a language of its own (posting.<lang>.md) are used as they
// are, and its own assets are its files: none of these is reported.
func Check(fsys fs.FS) content.Diagnostics {
	o, ok := fsys.(Overlay)
	if !ok {
		return nil
	}
	var ds content.Diagnostics
	warn := func(file string, format string, args ...any) {
		ds = append(ds, content.Diagnostic{File: file, Msg: msg.New(format, args...), Severity: content.Warning})
	}
	fs.WalkDir(o.Site, "layouts", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return nil // no layouts/ folder: nothing replaced
		}
		if _, err := fs.Stat(o.Theme, p); err == nil {
			if path.Dir(p) == "layouts/i18n" {
				ds = append(ds, checkStrings(o, p)...)
			}
			return nil
		}
		name := path.Base(p)
		switch dir := path.Dir(p); {
		case dir == "layouts" && strings.HasPrefix(name, "_") && path.Ext(name) == ".html":
		case dir == "layouts/archetypes" && archetypeRE.MatchString(name):
		case dir == "layouts/i18n" && path.Ext(name) == ".yaml":
		case dir == "layouts" && path.Ext(name) == ".html":
			warn(p, "replaces no built-in layout, so jobboard does not use it (the built-in ones are %s; your own partials are named _name.html): if a new version renamed it, rename your copy, or delete it",
				builtinNames(o.Theme, "layouts", ".html"))
		default:
			warn(p, "is not a file jobboard reads: layouts/ holds page layouts (name.html), partials (_name.html), "+
				"interface strings (i18n/<language>.yaml) and archetypes (archetypes/posting.<language>.md)")
		}
		return nil
	})
	return ds
}

// archetypeRE are the names of archetypes a site may add: posting.md for
// every language, posting.<lang>.md for one.
var archetypeRE = regexp.MustCompile(`^posting(\.[a-z]{2,3}(-[A-Za-z0-9]+)*)?\.md$`)

// builtinNames lists the built-in files of dir with extension ext.
func builtinNames(theme fs.FS, dir, ext string) string {
	es, _ := fs.ReadDir(theme, dir)
	var names []string
	for _, e := range es {
		if !e.IsDir() && path.Ext(e.Name()) == ext && !strings.HasPrefix(e.Name(), "_") {
			names = append(names, e.Name())
		}
	}
	return strings.Join(names, ", ")
}

// checkStrings reports the keys of a site's interface strings file p that
// the built-in one does not have: no layout asks for them.
func checkStrings(o Overlay, p string) content.Diagnostics {
	builtin, site, err := Layers(o, p)
	if err != nil || builtin == nil || site == nil {
		return nil
	}
	known := map[string]bool{}
	for k := range keys(builtin) {
		known[k] = true
	}
	var ds content.Diagnostics
	for k, line := range keys(site) {
		if !known[k] {
			ds = append(ds, content.Diagnostic{File: p, Line: line, Field: k, Severity: content.Warning,
				Msg: msg.New("is not a built-in interface string, so no page shows it: check its spelling against the built-in file (jobboard theme copy %s)", p)})
		}
	}
	return ds
}

// keys yields the top-level keys of a YAML mapping with their lines;
// nothing when data is not one (render reports that).
func keys(data []byte) func(yield func(string, int) bool) {
	return func(yield func(string, int) bool) {
		var doc yaml.Node
		if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
			return
		}
		m := doc.Content[0].Content
		for i := 0; i+1 < len(m); i += 2 {
			if !yield(m[i].Value, m[i].Line) {
				return
			}
		}
	}
}
