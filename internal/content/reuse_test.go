package content

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// writeSite writes the fixture into a temporary folder, every file dated an
// hour ago (older than the racy window), and returns the folder.
func writeSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, f := range testSite(nil) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		date(t, p, anHourAgo)
	}
	return dir
}

var anHourAgo = time.Now().Add(-time.Hour).Truncate(time.Second)

func date(t *testing.T, p string, when time.Time) {
	t.Helper()
	if err := os.Chtimes(p, when, when); err != nil {
		t.Fatal(err)
	}
}

// TestLoaderStat checks that a Loader does not read again the files whose
// size and time did not change, reads those that did or were invalidated,
// and, when Watched, trusts Invalidate alone.
func TestLoaderStat(t *testing.T) {
	dir := writeSite(t)
	fsys := os.DirFS(dir)
	var ld Loader
	check := func(step string, wantRead int) *Site {
		t.Helper()
		site, ds := ld.Load(fsys, Options{})
		fresh, freshDs := Load(fsys, Options{})
		if !reflect.DeepEqual(site, fresh) || !reflect.DeepEqual(ds, freshDs) {
			t.Errorf("%s: reused Loader differs from a fresh load:\n%v\n%v", step, strs(ds), strs(freshDs))
		}
		if ld.read != wantRead {
			t.Errorf("%s: read %d files, want %d", step, ld.read, wantRead)
		}
		return site
	}
	check("first load", 4)
	check("nothing changed", 0)

	en := filepath.Join(dir, filepath.FromSlash(postingEN))
	if err := os.WriteFile(en, []byte(edit(validPostingEN, "Intercultural", "Interkultural")), 0o644); err != nil {
		t.Fatal(err)
	}
	check("edited, same size, new time", 1) // racily clean now: read until it is old enough
	halfAnHourAgo := anHourAgo.Add(time.Hour / 2)
	date(t, en, halfAnHourAgo)
	check("edited file aged", 1)
	check("aged file not read again", 0)

	// Same size, time put back: only Invalidate tells.
	if err := os.WriteFile(en, []byte(edit(validPostingEN, "Intercultural", "Intercultura!")), 0o644); err != nil {
		t.Fatal(err)
	}
	date(t, en, halfAnHourAgo)
	if site, _ := ld.Load(fsys, Options{}); ld.read != 0 || site.Postings[0].Translations["en"].Title != "Interkultural mediator" {
		t.Errorf("hidden edit: read %d: the test is wrong", ld.read)
	}
	ld.Invalidate(postingEN)
	if site := check("invalidated", 1); site.Postings[0].Translations["en"].Title != "Intercultura! mediator" {
		t.Errorf("title after Invalidate = %q", site.Postings[0].Translations["en"].Title)
	}
	ld.Invalidate("content/postings")
	check("folder invalidated", 2)

	// Watched: no stat; only invalidated and new files are read.
	ld.Watched = true
	if err := os.WriteFile(en, []byte(validPostingEN), 0o644); err != nil {
		t.Fatal(err)
	}
	if site, _ := ld.Load(fsys, Options{}); ld.read != 0 || site.Postings[0].Translations["en"].Title != "Intercultura! mediator" {
		t.Errorf("watched, not invalidated: read %d, title %q", ld.read, site.Postings[0].Translations["en"].Title)
	}
	ld.Invalidate(postingEN)
	check("watched, invalidated", 1)
	if ld.listed != 0 {
		t.Errorf("watched, a known file invalidated: content/ listed again")
	}
	ld.Invalidate("layouts/posting.html")
	check("watched, a layout invalidated", 0)
	if ld.listed != 0 {
		t.Errorf("watched, a layout invalidated: content/ listed again")
	}
	if err := os.Remove(en); err != nil {
		t.Fatal(err)
	}
	ld.Invalidate(postingEN) // as the watcher reports it
	if site := check("watched, removed", 0); site.Postings[0].Translations["en"] != nil {
		t.Errorf("removed translation still loaded")
	}
	if err := os.WriteFile(en, []byte(validPostingEN), 0o644); err != nil {
		t.Fatal(err)
	}
	ld.Invalidate(postingEN)
	check("watched, added", 1)
	if ld.listed != 1 {
		t.Errorf("watched, a file added: content/ not listed again")
	}
	// A name the listing refused stays refused until it is fixed.
	bad := filepath.Join(dir, "content", "postings", "Job.fr.md")
	if err := os.WriteFile(bad, []byte(validPostingEN), 0o644); err != nil {
		t.Fatal(err)
	}
	ld.Invalidate("content/postings/Job.fr.md")
	check("watched, a bad name added", 0)
	ld.Invalidate(postingEN)
	check("watched, then a known file invalidated", 1)
	if ld.listed != 0 {
		t.Errorf("watched, a known file invalidated after a bad name: content/ listed again")
	}
	if err := os.Remove(bad); err != nil {
		t.Fatal(err)
	}
	ld.Invalidate("content/postings/Job.fr.md")
	check("watched, the bad name removed", 0)
}

// TestSharedBodies checks that SharedBodies changes nothing but the
// copying: the same Site, with bodies a caller cannot grow into the
// Loader's bytes.
func TestSharedBodies(t *testing.T) {
	fsys := testSite(nil)
	var ld Loader
	ld.Load(fsys, Options{})
	shared, ds := ld.Load(fsys, Options{SharedBodies: true})
	copied, cds := Load(fsys, Options{})
	if !reflect.DeepEqual(shared, copied) || !reflect.DeepEqual(ds, cds) {
		t.Fatalf("shared bodies differ from copies:\n%v\n%v", strs(ds), strs(cds))
	}
	b := shared.Postings[0].Translations["fr"].Body
	if cap(b) != len(b) {
		t.Errorf("a shared body has room to grow: cap %d, len %d", cap(b), len(b))
	}
}
