package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/jobboard/jobboard"

	"github.com/jobboard/jobboard/internal/msg"
)

func runTheme(_ context.Context, l msg.Lang, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("theme", l.Sprintf("theme [-C folder] [copy <file>...]"),
		l.Sprintf("Theme lists the files of the built-in theme: page layouts, interface\n"+
			"strings, archetypes of new postings and assets (the stylesheet, icons),\n"+
			"and says which ones the site replaces with a file of its own.\n\n"+
			"\"jobboard theme copy posting.html\" writes the built-in file into the\n"+
			"site's folder (here layouts/posting.html) for you to edit: from then on\n"+
			"the site's copy is used instead. It never replaces a file that exists.\n"+
			"To go back to the built-in file, delete your copy."), l, stderr)
	dir := fs.String("C", ".", l.Sprintf("the site's `folder` (the one holding content/)"))
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if st, err := os.Stat(*dir); err != nil || !st.IsDir() {
		return usagef("-C %s: no such folder", *dir)
	}
	switch {
	case fs.NArg() == 0:
		return listTheme(*dir, l, stdout)
	case fs.Arg(0) == "copy" && fs.NArg() > 1:
		return copyTheme(*dir, fs.Args()[1:], l, stdout)
	case fs.Arg(0) == "copy":
		return usagef("theme copy needs the file to copy, like: jobboard theme copy posting.html (jobboard theme lists them)")
	}
	return usagef("theme: unknown %q: use jobboard theme, or jobboard theme copy <file>", fs.Arg(0))
}

// themeFiles are the paths of the built-in theme's files.
func themeFiles() []string {
	var files []string
	fs.WalkDir(jobboard.Theme, ".", func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	return files
}

func listTheme(dir string, l msg.Lang, stdout io.Writer) error {
	fmt.Fprintln(stdout, l.Sprintf("The built-in theme (\"replaced\": the site has its own copy):"))
	files := themeFiles()
	// The browser editor's code comes in ~100 numbered parts, which
	// nobody edits: one line for them all, where the first stands.
	chunks := slices.DeleteFunc(slices.Clone(files), func(p string) bool { return !editorChunkRE.MatchString(p) })
	listed := false
	for _, p := range files {
		if editorChunkRE.MatchString(p) {
			if !listed {
				fmt.Fprintf(stdout, "  %-34s  %s\n", "assets/admin/*.decap-cms.js", l.Sprintf("the browser editor's code, in %d parts", len(chunks)))
				listed = true
			}
			continue
		}
		mark := ""
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p))); err == nil {
			mark = "  " + l.Sprintf("replaced")
		}
		fmt.Fprintf(stdout, "  %-34s%s\n", p, mark)
	}
	fmt.Fprintln(stdout, l.Sprintf("\nCopy one to edit it: jobboard theme copy <file> (posting.html, style.css, i18n/fr.yaml...)."))
	return nil
}

// editorChunkRE matches the numbered parts of the browser editor's code.
var editorChunkRE = regexp.MustCompile(`^assets/admin/[0-9]+\.decap-cms\.js$`)

// themeFile finds the built-in file a name given on the command line
// means: its path, or the path of the one file whose path ends with it.
func themeFile(name string) (string, error) {
	name = strings.TrimPrefix(filepath.ToSlash(name), "./")
	var found []string
	for _, p := range themeFiles() {
		if p == name {
			return p, nil
		}
		if strings.HasSuffix(p, "/"+name) {
			found = append(found, p)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return "", usagef("theme copy: the built-in theme has no %q (jobboard theme lists its files)", name)
	}
	return "", usagef("theme copy: %q could be %s: give the whole path", name, strings.Join(found, " or "))
}

func copyTheme(dir string, names []string, l msg.Lang, stdout io.Writer) error {
	var paths []string
	for _, n := range names {
		p, err := themeFile(n)
		if err != nil {
			return err
		}
		paths = append(paths, p)
	}
	for _, p := range paths {
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if _, err := os.Lstat(dst); err == nil {
			return msg.Errorf("%s exists already: it is the site's own copy, left as it is (delete it first to copy the built-in file again)", p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		data, err := jobboard.Theme.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, l.Sprintf("copied %s: edit it; the site now uses it instead of the built-in %s", p, path.Base(p)))
	}
	return nil
}
