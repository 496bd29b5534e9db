package content

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"testing/fstest"
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

// TestNoBodies: NoBodies changes nothing but the postings' Body, nil,
// whose length is still known; a Loader that loaded without them loads
// them again for a Load that wants them.
func TestNoBodies(t *testing.T) {
	fsys := testSite(nil)
	var ld Loader
	bare, ds := ld.Load(fsys, Options{NoBodies: true})
	full, fds := Load(fsys, Options{})
	if !reflect.DeepEqual(ds, fds) {
		t.Fatalf("other diagnostics without bodies:\n%v\n%v", strs(ds), strs(fds))
	}
	n := 0
	for i, p := range bare.Postings {
		for lang, tr := range p.Translations {
			want := *full.Postings[i].Translations[lang]
			if tr.Body != nil || tr.BodyLen != len(want.Body) {
				t.Errorf("%s: Body %q, BodyLen %d; want nil, %d", tr.File, tr.Body, tr.BodyLen, len(want.Body))
			}
			want.Body = nil
			if !reflect.DeepEqual(*tr, want) {
				t.Errorf("%s: %+v, want %+v", tr.File, *tr, want)
			}
			n++
		}
	}
	if n == 0 {
		t.Fatal("no posting loaded")
	}
	again, ds := ld.Load(fsys, Options{})
	if !reflect.DeepEqual(again, full) || !reflect.DeepEqual(ds, fds) {
		t.Errorf("the Loader's next Load, with bodies, differs from a fresh one:\n%v\n%v", strs(ds), strs(fds))
	}
}

// TestLoaderReusesPostings: a Loader gives back the very posting it
// assembled last time when none of its inputs changed (its files, its
// employer's files, the options), and assembles again those whose inputs
// did; every Load is what a fresh Load gives, diagnostics included.
func TestLoaderReusesPostings(t *testing.T) {
	fsys := testSite(nil)
	// A second posting, in French only (a warning).
	fsys["content/postings/other.fr.md"] = &fstest.MapFile{Data: fsys[postingFR].Data}
	var ld Loader
	ld.Watched = true
	opt := Options{Today: Date{2026, 3, 1}}
	load := func(step string) map[string]*Posting {
		t.Helper()
		site, ds := ld.Load(fsys, opt)
		fresh, freshDs := Load(fsys, opt)
		if !reflect.DeepEqual(site, fresh) || !reflect.DeepEqual(ds, freshDs) {
			t.Fatalf("%s: reused Loader differs from a fresh load:\n%v\n%v", step, strs(ds), strs(freshDs))
		}
		if len(ds) == 0 {
			t.Fatalf("%s: no warning about the posting in French only", step)
		}
		bySlug := map[string]*Posting{}
		if site != nil {
			for _, p := range site.Postings {
				bySlug[p.Slug] = p
			}
		}
		return bySlug
	}
	same := func(step string, a, b map[string]*Posting, slug string, want bool) {
		t.Helper()
		if got := a[slug] == b[slug] && a[slug] != nil; got != want {
			t.Errorf("%s: posting %s the same as before: %v, want %v", step, slug, got, want)
		}
	}
	first := load("first load")
	again := load("nothing changed")
	same("nothing changed", first, again, "job", true)
	same("nothing changed", first, again, "other", true)

	// Postings edited, and nothing else: the quick way (Loader.quick).
	quick := func(step string, want bool) {
		t.Helper()
		if ld.quicked != want {
			t.Errorf("%s: took the quick way: %v, want %v", step, ld.quicked, want)
		}
	}
	fsys[postingEN] = &fstest.MapFile{Data: []byte(edit(string(fsys[postingEN].Data), "Intercultural", "Interkultural"))}
	ld.Invalidate(postingEN)
	edited := load("English text of job edited")
	quick("English text of job edited", true)
	same("job edited", again, edited, "job", false)
	same("job edited", again, edited, "other", true)

	// A mistake in a file, found when it is read (not when its posting
	// is assembled), then mended: the quick way too.
	textEN := string(fsys[postingEN].Data)
	fsys[postingEN] = &fstest.MapFile{Data: []byte(edit(textEN, "\ntitle:", "\ntitel: Typo\ntitle:"))}
	ld.Invalidate(postingEN)
	load("unknown field in job's English text")
	quick("unknown field in job's English text", true)
	fsys[postingEN] = &fstest.MapFile{Data: []byte(textEN)}
	ld.Invalidate(postingEN)
	load("unknown field mended")
	quick("unknown field mended", true)

	// The facts: other hours, then another employer (unknown: an error),
	// then back.
	factsFR := string(fsys[postingFR].Data)
	fsys[postingFR] = &fstest.MapFile{Data: []byte(edit(factsFR, "hours_per_week: 35", "hours_per_week: 30"))}
	ld.Invalidate(postingFR)
	hours := load("hours of job changed")
	quick("hours of job changed", true)
	same("hours of job changed", edited, hours, "job", false)
	same("hours of job changed", edited, hours, "other", true)
	if got := hours["job"].Facts.HoursPerWeek; got != 30 {
		t.Errorf("hours of job changed: %v hours a week", got)
	}
	fsys[postingFR] = &fstest.MapFile{Data: []byte(edit(factsFR, "organization: acme", "organization: nobody"))}
	ld.Invalidate(postingFR)
	if site, ds := ld.Load(fsys, opt); site != nil || ds.Errors() == 0 {
		t.Error("unknown employer: the load succeeded")
	} else if _, freshDs := Load(fsys, opt); !reflect.DeepEqual(ds, freshDs) {
		t.Errorf("unknown employer: reused Loader differs from a fresh load:\n%v\n%v", strs(ds), strs(freshDs))
	}
	quick("unknown employer", true)
	fsys[postingFR] = &fstest.MapFile{Data: []byte(factsFR)}
	ld.Invalidate(postingFR)
	edited = load("facts of job back")
	quick("facts of job back", true)
	same("facts of job back", hours, edited, "other", true)

	// An employer's file, a new file, the options: the whole way.
	orgText := string(fsys[orgFR].Data)
	fsys[orgFR] = &fstest.MapFile{Data: []byte(edit(orgText, "name: Acme", "name: Le Acme"))}
	ld.Invalidate(orgFR)
	load("employer edited")
	quick("employer edited", false)
	fsys["content/postings/third.fr.md"] = &fstest.MapFile{Data: fsys[postingFR].Data}
	ld.Invalidate("content/postings/third.fr.md")
	load("posting added")
	quick("posting added", false)
	delete(fsys, "content/postings/third.fr.md")
	ld.Invalidate("content/postings/third.fr.md")
	edited = load("posting removed")
	quick("posting removed", false)

	opt.Today = Date{2026, 3, 2}
	later := load("a day later")
	same("a day later", edited, later, "job", false)
	same("a day later", edited, later, "other", false)

	delete(fsys, orgEN)
	ld.Invalidate(orgEN)
	if site, ds := ld.Load(fsys, opt); site != nil || ds.Errors() == 0 {
		t.Error("employer's English text removed: the load succeeded")
	} else if _, freshDs := Load(fsys, opt); !reflect.DeepEqual(ds, freshDs) {
		t.Errorf("employer's English text removed: reused Loader differs from a fresh load:\n%v\n%v", strs(ds), strs(freshDs))
	}
}
