package build

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/gensite"
	"github.com/jobboard/jobboard/internal/msg"
)

// memSite is a site kept in memory, as serve keeps it: each file as its
// bytes, or as the parts UpdateParts handed over, kept as they came (so
// that a later Update changing them would show).
type memSite struct {
	mu    sync.Mutex
	files map[string][]byte
	parts map[string][][]byte
}

func (m *memSite) write(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files = map[string][]byte{}
	}
	m.files[name] = bytes.Clone(data)
	delete(m.parts, name)
	return nil
}

func (m *memSite) writeParts(name string, parts [][]byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.parts == nil {
		m.parts = map[string][][]byte{}
	}
	m.parts[name] = parts
	delete(m.files, name)
	return nil
}

func (m *memSite) remove(name string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.files, name)
	delete(m.parts, name)
}

// joined is every file of m as its bytes.
func (m *memSite) joined() map[string][]byte {
	all := maps.Clone(m.files)
	if all == nil {
		all = map[string][]byte{}
	}
	for name, parts := range m.parts {
		all[name] = bytes.Join(parts, nil)
	}
	return all
}

// TestUpdate edits a generated site in many ways and checks after each
// edit that the files Update hands over, applied to the previous ones,
// give exactly what a fresh Builder's Generate gives, and that Update did
// not hand over everything when little changed. It does so for a minified
// site with Update, and for a site as serve makes it, not minified, with
// UpdateParts, whose feeds come as parts shared from one Update to the
// next.
func TestUpdate(t *testing.T) {
	t.Run("minified", func(t *testing.T) { testUpdate(t, false) })
	t.Run("parts", func(t *testing.T) { testUpdate(t, true) })
}

func testUpdate(t *testing.T, parted bool) {
	dir := t.TempDir()
	// Pages of 10: the lists go on over pages, which edits shift.
	if _, err := gensite.Write(dir, gensite.Options{N: 40, Seed: 7, Theme: filepath.Join("..", ".."), PageSize: 10}); err != nil {
		t.Fatal(err)
	}
	cfg := Config{Root: dir, Today: benchToday, NoMinify: parted}
	b := NewBuilder(cfg)
	var live memSite
	update := func() (*Result, error) { return b.Update(context.Background(), live.write, live.remove) }
	if parted {
		update = func() (*Result, error) {
			return b.UpdateParts(context.Background(), live.write, live.writeParts, live.remove)
		}
	}
	open, closed := pickPostings(t, dir, false)
	openEN := strings.Replace(open, ".fr.md", ".en.md", 1)

	step := func(name string, maxHanded int) *Result {
		t.Helper()
		res, err := update()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var want memSite
		fresh, err := NewBuilder(cfg).Generate(context.Background(), want.write)
		if err != nil {
			t.Fatalf("%s: fresh build: %v", name, err)
		}
		if got, want := strs(res.Diagnostics), strs(fresh.Diagnostics); !slices.Equal(got, want) {
			t.Errorf("%s: diagnostics\n%s\nwant (fresh build)\n%s", name, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if got := live.joined(); !maps.EqualFunc(got, want.files, bytes.Equal) {
			for n, data := range want.files {
				if !bytes.Equal(got[n], data) {
					t.Errorf("%s: %s differs from a full build", name, n)
				}
			}
			for n := range got {
				if _, ok := want.files[n]; !ok {
					t.Errorf("%s: %s left behind", name, n)
				}
			}
		}
		if parted && live.parts["jobs.xml"] == nil {
			t.Errorf("%s: jobs.xml was not handed over in parts", name)
		}
		if maxHanded >= 0 && res.Files > maxHanded {
			t.Errorf("%s: %d files handed over, want at most %d", name, res.Files, maxHanded)
		}
		t.Logf("%s: %d handed, %d unchanged, %d removed", name, res.Files, res.Unchanged, res.Removed)
		return res
	}
	warned := func(res *Result, file string) bool {
		for _, d := range res.Diagnostics {
			if strings.Contains(d.Msg.String(), "raw HTML") && strings.HasSuffix(file, filepath.FromSlash(d.File)) {
				return true
			}
		}
		return false
	}
	edit := func(file, old, new string) {
		t.Helper()
		replaceIn(t, file, old, new)
		b.Invalidate(rel(t, dir, file))
	}
	step("first build", -1)
	step("nothing changed", 0)

	// A word of the text, past the first paragraph: the page, the
	// posting's Atom feed, the job feed (in French) and the record of the
	// postings (the page's JobPosting); and the feeds of its filters
	// (contract, place, remote work: up to 3), keyed as its Atom entry,
	// by its whole text.
	edit(openEN, "## ", "## Edited ")
	step("English text of an open posting", 3+3)
	edit(open, "## ", "## Modifié ")
	step("French text of an open posting", 4+3)
	edit(closed, "## ", "## Modifié ")
	step("text of a closed posting", 1)
	edit(open, "title: \"", "title: \"Nouveau ")
	step("French title", -1)
	edit(open, "hours: full-time", "hours: part-time\nhours_per_week: 20")
	step("facts", -1)
	data, _ := os.ReadFile(open)
	edit(open, "expires: "+field(data, "expires"), "expires: "+field(data, "posted"))
	step("closed by its facts", -1)
	edit(open, "contract: ", "# A comment.\ncontract: ")
	step("comment", -1)

	// A posting removed, then added back.
	data, _ = os.ReadFile(openEN)
	os.Remove(openEN)
	b.Invalidate(rel(t, dir, openEN))
	step("translation removed", -1)
	os.WriteFile(openEN, data, 0o644)
	step("translation added", -1)

	orgs, _ := filepath.Glob(filepath.Join(dir, "content", "organizations", "*.en.md"))
	edit(orgs[0], "name: \"", "name: \"The ")
	step("employer renamed", -1)

	// Diagnostics of Check, kept for unchanged files: raw HTML in a
	// translation without the facts, and in an employer's text.
	edit(openEN, "## ", "<b>Raw</b>\n\n## ")
	if res := step("raw HTML in a translation", -1); !warned(res, openEN) {
		t.Errorf("no warning about the raw HTML of %s", openEN)
	}
	org := strings.Replace(orgs[1], ".en.md", ".fr.md", 1)
	edit(org, "---\n\n", "---\n\n<i>Raw</i>\n\n")
	if res := step("raw HTML in an employer", -1); !warned(res, org) {
		t.Errorf("no warning about the raw HTML of %s", org)
	}
	// The employer's diagnostics are taken from the check of its first
	// posting: its postings move to another employer, one by one.
	orgKey := strings.TrimSuffix(filepath.Base(org), ".fr.md")
	other := strings.TrimSuffix(filepath.Base(orgs[0]), ".en.md")
	postings, _ := filepath.Glob(filepath.Join(dir, "content", "postings", "*.fr.md"))
	slices.Sort(postings)
	moved := 0
	for _, p := range postings {
		if data, _ := os.ReadFile(p); strings.Contains(string(data), "\norganization: "+orgKey+"\n") {
			edit(p, "\norganization: "+orgKey+"\n", "\norganization: "+other+"\n")
			step("posting moved to another employer", -1)
			moved++
		}
	}
	if moved < 2 {
		t.Errorf("%d postings of %s moved, want 2 or more", moved, orgKey)
	}
	edit(openEN, "<b>Raw</b>\n\n", "")
	if res := step("raw HTML removed", -1); warned(res, openEN) {
		t.Errorf("warning about the raw HTML of %s still given", openEN)
	}
	edit(filepath.Join(dir, "layouts", "i18n", "en.yaml"), ": ", ": ·")
	step("interface string", -1)
	edit(filepath.Join(dir, "assets", "style.css"), "{", "{color:red;")
	step("stylesheet", -1)

	// A failed build is not remembered.
	edit(open, "contract: ", "contract: X")
	if _, err := b.Update(context.Background(), func(string, []byte) error { return nil }, func(string) {}); err == nil {
		t.Fatal("a broken posting built")
	}
	edit(open, "contract: X", "contract: ")
	step("error fixed", -1)
}

// replaceIn replaces the first old in file by new; file must hold old.
func replaceIn(t *testing.T, file, old, new string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s has no %q", file, old)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// pickPostings finds, in a generated site, the file of the facts (French)
// of an open posting published before 2026-11-20, whose English text has
// no summary when noSummary (the lists then show its first paragraph), and
// of a closed one.
func pickPostings(t *testing.T, dir string, noSummary bool) (open, closed string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "content", "postings", "*.fr.md"))
	slices.Sort(files)
	for _, p := range files {
		data, _ := os.ReadFile(p)
		en, _ := os.ReadFile(strings.Replace(p, ".fr.md", ".en.md", 1))
		switch {
		case !strings.Contains(string(data), "expires: "):
		case field(data, "expires") < "2026-11-25":
			if closed == "" {
				closed = p
			}
		case open == "" && field(data, "posted") < "2026-11-20" && !(noSummary && strings.Contains(string(en), "summary:")):
			open = p
		}
	}
	if open == "" || closed == "" {
		t.Fatalf("among %d postings, no open one (without an English summary: %v) or no closed one", len(files), noSummary)
	}
	return open, closed
}

// field is the value of a date field of a generated posting, "" when absent.
func field(data []byte, name string) string {
	_, rest, ok := strings.Cut(string(data), "\n"+name+": ")
	if !ok {
		return ""
	}
	return rest[:10]
}

func strs(ds content.Diagnostics) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.String())
	}
	return out
}

func rel(t *testing.T, dir, file string) string {
	t.Helper()
	r, err := filepath.Rel(dir, file)
	if err != nil {
		t.Fatal(err)
	}
	return filepath.ToSlash(r)
}

// TestDigestTellsApart: values that differ only in how they are cut into
// strings, in trailing zero bytes or in a bit give different keys.
func TestDigestTellsApart(t *testing.T) {
	sum := func(parts ...string) uint64 {
		d := newDigest()
		for _, p := range parts {
			d.str(p)
		}
		return d.Sum64()
	}
	groups := [][]uint64{
		{sum("ab", "c"), sum("a", "bc"), sum("abc"), sum("abc", ""), sum("", "abc")},
		{sum("a"), sum("a\x00"), sum("a\x00\x00\x00\x00\x00\x00\x00"), sum("a\x00\x00\x00\x00\x00\x00\x00\x00")},
		{sum("0123456789abcdef"), sum("0123456789abcdeg"), sum("1123456789abcdef"), sum("0123456789abcdef0")},
		{sum(), sum("")},
	}
	for i, g := range groups {
		seen := map[uint64]int{}
		for j, v := range g {
			if k, ok := seen[v]; ok {
				t.Errorf("group %d: values %d and %d have the same key %#x", i, k, j, v)
			}
			seen[v] = j
		}
	}
}

// TestUpdateHandsOverBytes: the bytes Update hands over are the writer's
// to keep: a writer that keeps them without a copy still has, after more
// Updates, exactly the files of a fresh build.
func TestUpdateHandsOverBytes(t *testing.T) {
	for _, minify := range []bool{false, true} {
		dir := t.TempDir()
		if _, err := gensite.Write(dir, gensite.Options{N: 12, Seed: 9, Theme: filepath.Join("..", "..")}); err != nil {
			t.Fatal(err)
		}
		cfg := Config{Root: dir, Today: benchToday, NoMinify: !minify}
		b := NewBuilder(cfg)
		var mu sync.Mutex
		kept := map[string][]byte{}
		keep := func(name string, data []byte) error {
			mu.Lock()
			kept[name] = data // no copy
			mu.Unlock()
			return nil
		}
		postings, _ := filepath.Glob(filepath.Join(dir, "content", "postings", "*.fr.md"))
		for i := range 3 {
			if i > 0 {
				data, _ := os.ReadFile(postings[i])
				os.WriteFile(postings[i], bytes.Replace(data, []byte("## "), []byte("## Modifié "), 1), 0o644)
				b.Invalidate(rel(t, dir, postings[i]))
			}
			if _, err := b.Update(context.Background(), keep, func(name string) { delete(kept, name) }); err != nil {
				t.Fatal(err)
			}
		}
		var fresh memSite
		if _, err := NewBuilder(cfg).Generate(context.Background(), fresh.write); err != nil {
			t.Fatal(err)
		}
		if len(kept) != len(fresh.files) {
			t.Errorf("minify %v: %d files kept, want %d", minify, len(kept), len(fresh.files))
		}
		for name, data := range fresh.files {
			if !bytes.Equal(kept[name], data) {
				t.Errorf("minify %v: %s kept by the writer is not the file of a fresh build: a buffer was used again", minify, name)
			}
		}
	}
}

// TestChecksPruned: the check diagnostics an Update keeps by key grow
// with every edit; past twice what the site has, those of files no longer
// there are let go, and the diagnostics are still those of a fresh build.
func TestChecksPruned(t *testing.T) {
	dir := t.TempDir()
	if _, err := gensite.Write(dir, gensite.Options{N: 20, Seed: 3, Theme: filepath.Join("..", "..")}); err != nil {
		t.Fatal(err)
	}
	b := NewBuilder(Config{Root: dir, Today: benchToday})
	var live memSite
	if _, err := b.Update(context.Background(), live.write, live.remove); err != nil {
		t.Fatal(err)
	}
	live0 := len(b.last.checks)
	for i := range 3000 { // as many edits, long gone
		b.last.checks[uint64(i)<<32|1] = content.Diagnostics{{Msg: msg.Plain("stale")}}
	}
	open, _ := pickPostings(t, dir, false)
	replaceIn(t, open, "## ", "<b>Raw</b>\n\n## ")
	res, err := b.Update(context.Background(), live.write, live.remove)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(b.last.checks); n > live0+1 {
		t.Errorf("%d checks kept, want at most %d", n, live0+1)
	}
	fresh, err := NewBuilder(Config{Root: dir, Today: benchToday}).Generate(context.Background(), func(string, []byte) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strs(res.Diagnostics), strs(fresh.Diagnostics); !slices.Equal(got, want) || len(got) == 0 {
		t.Errorf("diagnostics\n%s\nwant (fresh build)\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestFailedUpdateForgotten: an Update that fails after it worked out the
// new keys of some files (here the writer fails, as a cancelled build
// does) leaves the keys of the last build, so that the next Update hands
// those files over.
func TestFailedUpdateForgotten(t *testing.T) {
	dir := t.TempDir()
	if _, err := gensite.Write(dir, gensite.Options{N: 20, Seed: 5, Theme: filepath.Join("..", "..")}); err != nil {
		t.Fatal(err)
	}
	cfg := Config{Root: dir, Today: benchToday}
	b := NewBuilder(cfg)
	var live memSite
	if _, err := b.Update(context.Background(), live.write, live.remove); err != nil {
		t.Fatal(err)
	}
	open, _ := pickPostings(t, dir, false)
	replaceIn(t, open, "## ", "## Modifié ")
	failing := func(string, []byte) error { return errors.New("disk full") }
	if _, err := b.Update(context.Background(), failing, live.remove); err == nil {
		t.Fatal("an Update whose writer fails succeeded")
	}
	res, err := b.Update(context.Background(), live.write, live.remove)
	if err != nil {
		t.Fatal(err)
	}
	var want memSite
	if _, err := NewBuilder(cfg).Generate(context.Background(), want.write); err != nil {
		t.Fatal(err)
	}
	for n, data := range want.files {
		if !bytes.Equal(live.files[n], data) {
			t.Errorf("%s differs from a full build", n)
		}
	}
	if res.Files == 0 {
		t.Error("nothing handed over after the failed Update")
	}
}
