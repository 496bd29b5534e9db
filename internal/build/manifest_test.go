package build

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/gensite"
)

// TestBuildManifest builds a generated site over and over into the same
// output, each time with a fresh Builder as `jobboard build` does, after
// edits of every kind of input and of the output itself. After each step
// the output must be, file for file, what a build into an empty folder
// gives, with the same diagnostics; and the files the manifest let the
// build link instead of make must be those it could: all of them when
// nothing changed.
func TestBuildManifest(t *testing.T) {
	if _, ok := statID(os.Args[0]); !ok {
		t.Skip("no file identities here: builds keep no manifest")
	}
	dir := t.TempDir()
	if _, err := gensite.Write(dir, gensite.Options{N: 30, Seed: 3, Theme: filepath.Join("..", "..")}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	today := benchToday

	// An open posting whose English text has no summary (the list pages
	// show its first paragraph), and a closed one.
	open, closed := pickPostings(t, dir, true)
	openEN := strings.Replace(open, ".fr.md", ".en.md", 1)

	// step builds, compares the output with a build into an empty folder
	// and checks how many files were made again (not reused): exactly
	// made, or at most -made when made is negative, or any number when
	// made is anyNumber.
	step := func(name string, made int) *Result {
		t.Helper()
		res, err := Run(context.Background(), Config{Root: dir, Out: out, Today: today})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		freshOut := filepath.Join(t.TempDir(), "public")
		fresh, err := Run(context.Background(), Config{Root: dir, Out: freshOut, Today: today})
		if err != nil {
			t.Fatalf("%s: build into an empty folder: %v", name, err)
		}
		if got, want := strs(res.Diagnostics), strs(fresh.Diagnostics); !slices.Equal(got, want) {
			t.Errorf("%s: diagnostics\n%s\nwant (build into an empty folder)\n%s", name, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		got, want := filesOf(t, out), filesOf(t, freshOut)
		for _, n := range sortedNames(want) {
			if g, ok := got[n]; !ok {
				t.Errorf("%s: %s missing", name, n)
			} else if !bytes.Equal(g, want[n]) {
				t.Errorf("%s: %s differs from a build into an empty folder", name, n)
			}
		}
		for n := range got {
			if _, ok := want[n]; !ok {
				t.Errorf("%s: %s left behind", name, n)
			}
		}
		if res.Files != fresh.Files || res.Bytes != fresh.Bytes || res.Pages != fresh.Pages {
			t.Errorf("%s: %d files (%d bytes, %d pages), want %d (%d, %d)", name, res.Files, res.Bytes, res.Pages, fresh.Files, fresh.Bytes, fresh.Pages)
		}
		madeAgain := res.Files - res.Reused
		switch {
		case made == anyNumber:
		case made >= 0 && madeAgain != made:
			t.Errorf("%s: %d files made, %d reused; want %d made", name, madeAgain, res.Reused, made)
		case made < 0 && madeAgain > -made:
			t.Errorf("%s: %d files made, %d reused; want at most %d made", name, madeAgain, res.Reused, -made)
		}
		t.Logf("%s: %d files, %d made, %d reused, %d kept", name, res.Files, madeAgain, res.Reused, res.Kept)
		return res
	}
	step("first build", anyNumber)
	// Authors publish by committing: git must not take the cache in.
	if ignore, err := os.ReadFile(filepath.Join(cacheDir(out), ".gitignore")); err != nil || !slices.Contains(strings.Split(string(ignore), "\n"), "*") {
		t.Errorf("the cache folder's .gitignore: %q, %v; want a line \"*\"", ignore, err)
	}
	// Everything is reused, the assets too (keyed by their bytes).
	step("nothing changed", 0)

	// The page, the language's Atom feed, the job feed (whose other
	// entries come from the previous jobs.xml) and the record of the
	// postings (the page's JobPosting). The feeds of its filters are
	// keyed by its entry in the lists (title, summary, facts), which this
	// text is not part of.
	replaceIn(t, open, "## ", "## Modifié ")
	step("French text past the first paragraph", 4)
	// Its first paragraph is its summary: the lists of English pages
	// show it too.
	replaceIn(t, openEN, "\n\n", "\n\nEdited. ")
	step("English first paragraph, the summary", -12)
	replaceIn(t, closed, "## ", "## Modifié ")
	step("text of a closed posting", 1)
	replaceIn(t, open, "title: \"", "title: \"Nouveau ")
	step("French title", anyNumber)
	replaceIn(t, open, "hours: full-time", "hours: part-time\nhours_per_week: 20")
	step("facts", anyNumber)
	replaceIn(t, open, "contract: ", "# A comment.\ncontract: ")
	// The file of the facts is another: what is made of it is made
	// again (the record of the postings too), and found the same.
	if res := step("comment", 4); res.Kept != res.Files {
		t.Errorf("comment: %d of %d files kept, want all", res.Kept, res.Files)
	}

	data, _ := os.ReadFile(openEN)
	os.Remove(openEN)
	step("translation removed", anyNumber)
	os.WriteFile(openEN, data, 0o644)
	step("translation added", anyNumber)

	orgs, _ := filepath.Glob(filepath.Join(dir, "content", "organizations", "*.en.md"))
	replaceIn(t, orgs[0], "name: \"", "name: \"The ")
	step("employer renamed", anyNumber)

	// Diagnostics of Check, kept in the manifest for unchanged files.
	replaceIn(t, openEN, "## ", "<b>Raw</b>\n\n## ")
	step("raw HTML in a translation", anyNumber)
	step("raw HTML still there", 0)
	replaceIn(t, openEN, "<b>Raw</b>\n\n", "")
	step("raw HTML removed", anyNumber)

	replaceIn(t, filepath.Join(dir, "layouts", "i18n", "en.yaml"), ": ", ": ·")
	step("interface string", anyNumber)
	replaceIn(t, filepath.Join(dir, "assets", "style.css"), "{", "{color:red;")
	step("stylesheet", anyNumber)
	today = content.Date{Year: today.Year, Month: today.Month + 1, Day: today.Day}
	step("a month later", anyNumber)
	// The next output is made in the spare, the output of the build
	// before last: its folders are not made again.
	spareFR, ok := dirID(filepath.Join(sparePath(out), "fr"))
	if !ok {
		t.Fatal("no spare after a build")
	}
	step("nothing changed again", 0)
	if id, _ := dirID(filepath.Join(out, "fr")); !id.sameFile(spareFR) {
		t.Error("the new output's fr/ is not the spare's: the output was made in a new folder")
	}

	// The output edited by hand: the file has another time, so it is not
	// trusted and is made again.
	page := filepath.Join(out, "fr", "index.html")
	if err := os.WriteFile(page, []byte("edited"), 0o644); err != nil {
		t.Fatal(err)
	}
	step("a page of the output edited", 1)
	// Removed by hand.
	if err := os.Remove(page); err != nil {
		t.Fatal(err)
	}
	step("a page of the output removed", 1)

	// Files added to the output by hand, below its top (at the top, the
	// build refuses the folder: TestRefusedOutput): gone from the next
	// output, and from the one after, made in the spare that then holds
	// them.
	os.WriteFile(filepath.Join(out, "fr", "extra.html"), []byte("extra"), 0o644)
	os.MkdirAll(filepath.Join(out, "fr", "extra", "deeper"), 0o755)
	os.WriteFile(filepath.Join(out, "fr", "extra", "deeper", "index.html"), []byte("extra"), 0o644)
	step("files added to the output", 0)
	step("files added to the output, in the spare", 0)

	// A build killed while it wrote into the spare leaves it marked: the
	// next build does not trust it.
	spareDir := sparePath(out)
	if _, err := os.Stat(spareDir); err != nil {
		t.Fatalf("no spare after a build: %v", err)
	}
	os.WriteFile(dirtyPath(out), nil, 0o644)
	os.Remove(filepath.Join(spareDir, "fr", "index.html")) // a link to the output's
	os.WriteFile(filepath.Join(spareDir, "fr", "index.html"), []byte("half-written"), 0o644)
	os.WriteFile(filepath.Join(spareDir, "stray.html"), []byte("half-written"), 0o644)
	// Removing the spare it does not trust changes the output's files
	// it held links to (their change time): they are made again, found
	// the same, and kept.
	if res := step("a build was killed", anyNumber); res.Kept != res.Files {
		t.Errorf("a build was killed: %d of %d files kept, want all", res.Kept, res.Files)
	}
	step("a build was killed, the build after", 0)
	if _, err := os.Stat(dirtyPath(out)); err == nil {
		t.Error("the spare is still marked as half-written")
	}

	// A manifest that is not whole, or of another executable, is not
	// used (a file whose bytes are still those of the output is then
	// kept all the same).
	mp := manifestPath(out)
	whole, err := os.ReadFile(mp)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(mp, whole[:len(whole)/2], 0o644)
	if res := step("manifest cut short", anyNumber); res.Reused != 0 || res.Kept != res.Files {
		t.Errorf("manifest cut short: %d reused, %d of %d kept; want 0 reused, all kept", res.Reused, res.Kept, res.Files)
	}
	m := readManifest(out)
	m.Exe = exeID{Path: filepath.Join(dir, "jobboard"), SHA256: strings.Repeat("0", 64)}
	if err := m.write(out); err != nil {
		t.Fatal(err)
	}
	// A manifest of another executable (whose pages may differ), and the
	// bytes of a page changed without its size, time or inode (alone, see
	// TestHandEditedOutputRestored): nothing is reused.
	info, _ := os.Stat(page)
	old, _ := os.ReadFile(page)
	f, err := os.OpenFile(page, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(bytes.Repeat([]byte("x"), len(old)))
	f.Close()
	os.Chtimes(page, time.Time{}, info.ModTime())
	if res := step("manifest of another executable", anyNumber); res.Reused != 0 {
		t.Errorf("manifest of another executable: %d files reused", res.Reused)
	}
	step("nothing changed at last", 0)

	// A failed build leaves the manifest as it was.
	before, _ := os.ReadFile(mp)
	replaceIn(t, open, "contract: ", "contract: X")
	if _, err := Run(context.Background(), Config{Root: dir, Out: out, Today: today}); err == nil {
		t.Fatal("a broken posting built")
	}
	if after, _ := os.ReadFile(mp); !bytes.Equal(after, before) {
		t.Error("a failed build changed the manifest")
	}
	replaceIn(t, open, "contract: X", "contract: ")
	step("error fixed", 0)
}

// anyNumber, as the number of files a step of TestBuildManifest makes,
// accepts any.
const anyNumber = -1 << 30

// filesOf reads every file under dir by slash path.
func filesOf(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files[rel(t, dir, p)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sortedNames(m map[string][]byte) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// TestConcurrentBuilds: builds of the same output at the same time (two
// terminals, a script and an editor's hook) take turns: each succeeds and
// the output is the site.
func TestConcurrentBuilds(t *testing.T) {
	dir := t.TempDir()
	if _, err := gensite.Write(dir, gensite.Options{N: 20, Seed: 5, Theme: filepath.Join("..", "..")}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	cfg := Config{Root: dir, Out: out, Today: benchToday}
	// Two builds first, so that there is a spare to write into.
	for range 2 {
		if _, err := Run(context.Background(), cfg); err != nil {
			t.Fatal(err)
		}
	}
	errs := make(chan error, 6)
	for range 6 {
		go func() {
			_, err := Run(context.Background(), cfg)
			errs <- err
		}()
	}
	for range 6 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	fresh := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Config{Root: dir, Out: fresh, Today: benchToday}); err != nil {
		t.Fatal(err)
	}
	got, want := filesOf(t, out), filesOf(t, fresh)
	if len(got) != len(want) {
		t.Errorf("%d files, want %d", len(got), len(want))
	}
	for n, data := range want {
		if !bytes.Equal(got[n], data) {
			t.Errorf("%s differs from a build into an empty folder", n)
		}
	}
}

// TestDirWriterLinksWithoutManifest: where a build keeps no manifest (no
// file identities, as on Windows), a file whose bytes are those of the
// previous output is still linked from there, not written, whole or in
// parts.
func TestDirWriterLinksWithoutManifest(t *testing.T) {
	prev, dir := t.TempDir(), t.TempDir()
	for _, name := range []string{"same.html", "parts.xml", "other.html"} {
		if err := os.WriteFile(filepath.Join(prev, name), []byte("old "+name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w := newDirWriter(dir, prev, nil, false)
	if err := w.write("same.html", []byte("old same.html")); err != nil {
		t.Fatal(err)
	}
	if err := w.write("other.html", []byte("new other.html")); err != nil {
		t.Fatal(err)
	}
	f, err := w.open("parts.xml")
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("old "))
	f.Write([]byte("parts.xml"))
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	for name, linked := range map[string]bool{"same.html": true, "parts.xml": true, "other.html": false} {
		a, errA := os.Stat(filepath.Join(prev, name))
		b, errB := os.Stat(filepath.Join(dir, name))
		if errA != nil || errB != nil {
			t.Fatal(errA, errB)
		}
		if os.SameFile(a, b) != linked {
			t.Errorf("%s: linked from the previous output: %v, want %v", name, os.SameFile(a, b), linked)
		}
	}
	if got := w.kept.Load(); got != 2 {
		t.Errorf("kept %d files, want 2", got)
	}
}
