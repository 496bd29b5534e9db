package build_test

// Integration tests of the whole pipeline (issue 3): golden output of the
// repository's example site, reproducible builds, all-or-nothing builds.
// The tests about what the example site's pages say (structured data, the
// apply link, feeds, expiry) are in example_test.go.
//
// Refresh the golden files after an intended change of the output with
//
//	go test ./internal/build -run TestGolden -update
//
// and read the diff of testdata/example before committing it. The names of
// the assets carry a hash of their content, so an edit of assets/style.css
// changes the golden pages that link to it: that is expected.

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jobboard/jobboard/internal/build"
	"github.com/jobboard/jobboard/internal/content"
)

// The flag is registered only if no other test file of the package already
// did (flags are global to the test binary, which also holds the internal
// tests of package build).
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files of testdata/ with the current output")
	}
}

// updating reports whether -update was given.
func updating() bool {
	f := flag.Lookup("update")
	if f == nil {
		return false
	}
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return false
	}
	b, _ := g.Get().(bool)
	return b
}

// repoRoot is the repository, which is the example site.
const repoRoot = "../.."

// exampleToday is the build day of the golden files: long after the example
// posting was published, and it has no closing date, so it is open.
var exampleToday = content.Date{Year: 2026, Month: time.November, Day: 25}

// runBuild builds cfg and fails the test on error.
func runBuild(t *testing.T, cfg build.Config) *build.Result {
	t.Helper()
	res, err := build.Run(context.Background(), cfg)
	if err != nil {
		t.Fatalf("build %s: %v", cfg.Root, err)
	}
	if res.Diagnostics.Errors() > 0 {
		t.Fatalf("build %s succeeded with errors: %v", cfg.Root, res.Diagnostics)
	}
	return res
}

// buildExample builds the repository's example site into a new temporary
// folder on exampleToday and returns that folder.
func buildExample(t *testing.T, minify bool) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	runBuild(t, build.Config{Root: repoRoot, Out: out, Today: exampleToday, NoMinify: !minify})
	return out
}

// readTree reads every regular file under dir, by slash path relative to
// dir. Anything else than folders and regular files fails the test.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			return nil
		}
		if !e.Type().IsRegular() {
			return fmt.Errorf("%s: not a regular file", p)
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// compareTrees reports every file missing from got, extra in got, or with
// other bytes, as name: what. With diff, different files come with a line
// diff.
func compareTrees(t *testing.T, wantName, gotName string, want, got map[string][]byte, diff bool) {
	t.Helper()
	for _, name := range sortedKeys(want) {
		g, ok := got[name]
		switch {
		case !ok:
			t.Errorf("%s: in %s, missing from %s", name, wantName, gotName)
		case !bytes.Equal(g, want[name]):
			if diff {
				t.Errorf("%s: %s differs from %s (- %s, + %s):\n%s", name, gotName, wantName, wantName, gotName, lineDiff(string(want[name]), string(g)))
			} else {
				t.Errorf("%s: %s differs from %s", name, gotName, wantName)
			}
		}
	}
	for _, name := range sortedKeys(got) {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: in %s, not in %s", name, gotName, wantName)
		}
	}
}

// lineDiff is a readable diff of two texts: the lines only in a with "-",
// only in b with "+", and up to two equal lines of context around each
// change. Long lines (minified pages, JSON-LD) are cut around their first
// difference. It is a plain longest-common-subsequence diff, fine for
// files of a few thousand lines.
func lineDiff(a, b string) string {
	x, y := strings.Split(a, "\n"), strings.Split(b, "\n")
	const limit = 4000
	if len(x) > limit || len(y) > limit {
		return fmt.Sprintf("(%d and %d lines: too long to diff)", len(x), len(y))
	}
	// lcs[i][j] is the length of the longest common subsequence of x[i:] and y[j:].
	lcs := make([][]int32, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type op struct {
		kind byte // ' ', '-', '+'
		text string
		line int // line number in a for ' ' and '-', in b for '+'
	}
	var ops []op
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case i < len(x) && j < len(y) && x[i] == y[j]:
			ops = append(ops, op{' ', x[i], i + 1})
			i, j = i+1, j+1
		case i < len(x) && (j == len(y) || lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, op{'-', x[i], i + 1})
			i++
		default:
			ops = append(ops, op{'+', y[j], j + 1})
			j++
		}
	}
	// Pair each removed line with the added line at the same place, to cut
	// both around their first difference.
	cut := func(s string, at int) string {
		const width = 100
		if len(s) <= 2*width {
			return s
		}
		lo, hi := max(0, at-width), min(len(s), at+width)
		out := s[lo:hi]
		if lo > 0 {
			out = "…" + out
		}
		if hi < len(s) {
			out += "…"
		}
		return out
	}
	const context = 2
	show := make([]bool, len(ops))
	for k, o := range ops {
		if o.kind != ' ' {
			for c := max(0, k-context); c <= min(len(ops)-1, k+context); c++ {
				show[c] = true
			}
		}
	}
	var sb strings.Builder
	for k, o := range ops {
		if !show[k] {
			continue
		}
		if k == 0 || !show[k-1] {
			sb.WriteString("@@\n")
		}
		at := 0
		var other string
		switch {
		case o.kind == '-' && k+1 < len(ops) && ops[k+1].kind == '+':
			other = ops[k+1].text
		case o.kind == '+' && k > 0 && ops[k-1].kind == '-':
			other = ops[k-1].text
		}
		if other != "" {
			for at < len(o.text) && at < len(other) && o.text[at] == other[at] {
				at++
			}
		}
		fmt.Fprintf(&sb, "%c %4d  %s\n", o.kind, o.line, cut(o.text, at))
	}
	return sb.String()
}

const goldenDir = "testdata/example"

// TestGolden pins every file of the example site's readable build (no
// minification) to testdata/example: missing, extra and different files
// all fail, different ones with a line diff.
func TestGolden(t *testing.T) {
	out := buildExample(t, false)
	got := readTree(t, out)
	// The editor's program is the theme's assets/admin/ copied as is
	// (TestAdminProgram): the golden files hold only what the build makes.
	for name := range got {
		if vendored(name) {
			delete(got, name)
		}
	}
	if updating() {
		if err := os.RemoveAll(goldenDir); err != nil {
			t.Fatal(err)
		}
		for name, data := range got {
			p := filepath.Join(goldenDir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("wrote %d golden files into %s", len(got), goldenDir)
		return
	}
	if _, err := os.Stat(goldenDir); err != nil {
		t.Fatalf("%v: run go test -run TestGolden -update to write the golden files", err)
	}
	want := readTree(t, goldenDir)
	compareTrees(t, goldenDir, "the build", want, got, true)
	if t.Failed() {
		t.Log("if the change is intended: go test ./internal/build -run TestGolden -update, then review git diff internal/build/testdata")
	}
}

// vendored says whether name, a file of the output, is one of the
// editor's program, copied from assets/admin/.
func vendored(name string) bool {
	rest, ok := strings.CutPrefix(name, "admin/")
	if !ok {
		return false
	}
	_, err := os.Stat(filepath.Join(repoRoot, "assets", "admin", filepath.FromSlash(rest)))
	return err == nil
}

// TestAdminProgram: the example site, whose site.yaml has an editor:
// group, has the editor's program at /admin/, byte for byte the theme's,
// and the files made from the content model.
func TestAdminProgram(t *testing.T) {
	out := buildExample(t, true)
	src := filepath.Join(repoRoot, "assets", "admin")
	es, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		want, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(out, "admin", e.Name()))
		if err != nil {
			t.Errorf("admin/%s: %v", e.Name(), err)
		} else if !bytes.Equal(got, want) {
			t.Errorf("admin/%s differs from assets/admin/%s", e.Name(), e.Name())
		}
	}
	for _, n := range []string{"index.html", "config.yml", "jobboard.js"} {
		if _, err := os.Stat(filepath.Join(out, "admin", n)); err != nil {
			t.Errorf("admin/%s: %v", n, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "assets", "admin")); err == nil {
		t.Error("assets/admin/ was copied to /assets/admin/ too")
	}
}

func TestLineDiff(t *testing.T) {
	a := "one\ntwo\nthree\nfour\nfive\nsix\nseven\n"
	b := "one\ntwo\nthree\nFOUR\nfive\nsix\nseven\neight\n"
	want := "@@\n" +
		"     2  two\n" +
		"     3  three\n" +
		"-    4  four\n" +
		"+    4  FOUR\n" +
		"     5  five\n" +
		"     6  six\n" +
		"     7  seven\n" +
		"+    8  eight\n" +
		"     8  \n"
	if got := lineDiff(a, b); got != want {
		t.Errorf("lineDiff =\n%s\nwant\n%s", got, want)
	}
	if got := lineDiff(a, a); got != "" {
		t.Errorf("lineDiff of equal texts = %q, want nothing", got)
	}
}

// TestReproducible builds the example site twice into two folders, with
// one worker and with many, and wants the same files with the same bytes.
func TestReproducible(t *testing.T) {
	for _, minify := range []bool{false, true} {
		t.Run(fmt.Sprintf("minify=%v", minify), func(t *testing.T) {
			var trees []map[string][]byte
			for _, workers := range []int{1, 8} {
				out := filepath.Join(t.TempDir(), "public")
				runBuild(t, build.Config{Root: repoRoot, Out: out, Today: exampleToday, NoMinify: !minify, Workers: workers})
				trees = append(trees, readTree(t, out))
			}
			if len(trees[0]) == 0 {
				t.Fatal("the build wrote nothing")
			}
			compareTrees(t, "the first build", "the second build", trees[0], trees[1], true)
		})
	}
}

// TestMinifiedPagesParse builds the example site minified and checks that
// every page is still a well-formed document (every element closed in
// order, the HTML void elements aside) with the same elements and the same
// text as the readable build, and that every JSON-LD block is JSON, and
// the readable build's.
func TestMinifiedPagesParse(t *testing.T) {
	small := readTree(t, buildExample(t, true))
	readable := readTree(t, buildExample(t, false))
	pages := 0
	for _, name := range sortedKeys(small) {
		if path.Ext(name) != ".html" {
			continue
		}
		pages++
		page := string(small[name])
		got, err := htmlOutline(page)
		if err != nil {
			t.Errorf("%s (minified): %v", name, err)
			continue
		}
		want, err := htmlOutline(string(readable[name]))
		if err != nil {
			t.Errorf("%s (readable): %v", name, err)
			continue
		}
		if !slices.Equal(got.elements, want.elements) {
			t.Errorf("%s: the minified page has other elements than the readable one:\n%s", name,
				lineDiff(strings.Join(want.elements, "\n"), strings.Join(got.elements, "\n")))
		}
		if got.text != want.text {
			t.Errorf("%s: the minified page has other text than the readable one:\n%s", name,
				lineDiff(strings.Join(strings.Fields(want.text), "\n"), strings.Join(strings.Fields(got.text), "\n")))
		}
		// The JSON-LD is written compact (jsonld.Marshal) and left as it
		// is: the JSON minifier would write salaries as 31e3, a float to
		// some readers.
		if got, want := ldJSONBlocks(page), ldJSONBlocks(string(readable[name])); !slices.Equal(got, want) {
			t.Errorf("%s: the minifier changed the JSON-LD:\n%s", name, lineDiff(strings.Join(want, "\n"), strings.Join(got, "\n")))
		}
		for i, block := range ldJSONBlocks(page) {
			var v map[string]any
			if err := json.Unmarshal([]byte(block), &v); err != nil {
				t.Errorf("%s: JSON-LD block %d: %v\n%s", name, i+1, err, block)
			} else if v["@type"] != "JobPosting" {
				t.Errorf("%s: JSON-LD block %d is a %v, want a JobPosting", name, i+1, v["@type"])
			}
		}
	}
	if pages == 0 {
		t.Fatal("the build wrote no page")
	}
	for _, name := range sortedKeys(small) {
		switch path.Ext(name) {
		case ".xml", ".svg":
			if err := wellFormedXML(small[name]); err != nil {
				t.Errorf("%s (minified): %v", name, err)
			}
		}
	}
}

// outline is what a page says, independent of how it is written down: its
// elements in document order with their attributes, and its text.
type outline struct {
	elements []string // "<a href=/fr/>", "</a>"
	text     string   // all text, with each run of spaces made one space
}

// voidElements never have an end tag.
var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

var assetHashRE = regexp.MustCompile(`(/assets/[^"]*?)\.[0-9a-f]{8}\.`)

// htmlOutline parses an HTML page with encoding/xml in its lenient HTML
// mode and checks that every element is closed, in order, except the void
// ones. Attributes whose value the minifier may drop or shorten without
// changing the meaning (type of scripts and styles) are left out.
var scriptBodyRE = regexp.MustCompile(`(?is)<script[^>]*>.*?</script\s*>`)

func htmlOutline(page string) (*outline, error) {
	page = escapeAttrLT(page)
	// A script's text is raw text in HTML, where "<p>" is no tag; the XML
	// decoder does not know that, so its "<" are escaped first.
	page = scriptBodyRE.ReplaceAllStringFunc(page, func(m string) string {
		i := strings.IndexByte(m, '>') + 1
		j := strings.LastIndex(m, "</")
		return m[:i] + strings.ReplaceAll(m[i:j], "<", "&lt;") + m[j:]
	})
	d := xml.NewDecoder(strings.NewReader(page))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.AutoClose = xml.HTMLAutoClose
	var o outline
	var text strings.Builder
	var stack []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(tok.Name.Local)
			var attrs []string
			for _, a := range tok.Attr {
				if (name == "script" || name == "style") && a.Name.Local == "type" && a.Value != "application/ld+json" {
					continue
				}
				v := strings.Join(strings.Fields(a.Value), " ")
				// What minification changes on purpose: the content hash of
				// minified assets, the spaces of a viewport's content.
				v = assetHashRE.ReplaceAllString(v, "$1.#.")
				v = strings.ReplaceAll(v, ", ", ",")
				attrs = append(attrs, fmt.Sprintf(" %s=%q", a.Name.Local, v))
			}
			slices.Sort(attrs)
			o.elements = append(o.elements, "<"+name+strings.Join(attrs, "")+">")
			if !voidElements[name] {
				stack = append(stack, name)
			}
		case xml.EndElement:
			name := strings.ToLower(tok.Name.Local)
			if voidElements[name] {
				continue // the decoder closes them itself (AutoClose)
			}
			if len(stack) == 0 || stack[len(stack)-1] != name {
				return nil, fmt.Errorf("line %d: </%s> closes %v", lineAt(d, page), name, stack)
			}
			// In its lenient mode the decoder makes up the end tags of
			// elements left open: only an end tag read from the page counts.
			read := strings.ToLower(page[:min(int(d.InputOffset()), len(page))])
			if !strings.HasSuffix(strings.TrimRight(read, " \t\r\n>"), "</"+name) {
				return nil, fmt.Errorf("line %d: <%s> is not closed", lineAt(d, page), name)
			}
			stack = stack[:len(stack)-1]
			o.elements = append(o.elements, "</"+name+">")
		case xml.CharData:
			if len(stack) > 0 && (stack[len(stack)-1] == "script" || stack[len(stack)-1] == "style") {
				// Minified code: compared as JSON (JSON-LD) or not at all.
				continue
			}
			text.Write(tok)
			text.WriteByte(' ')
		}
	}
	if len(stack) > 0 {
		return nil, fmt.Errorf("elements left open at the end: %v", stack)
	}
	o.text = strings.Join(strings.Fields(text.String()), " ")
	return &o, nil
}

// escapeAttrLT writes "<" in quoted attribute values as "&lt;": HTML
// allows it there (the minifier writes it raw), XML does not.
func escapeAttrLT(page string) string {
	var b strings.Builder
	inTag, quote := false, byte(0)
	for i := 0; i < len(page); i++ {
		c := page[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == '<' {
				b.WriteString("&lt;")
				continue
			}
		case inTag:
			switch c {
			case '"', '\'':
				quote = c
			case '>':
				inTag = false
			}
		case c == '<' && i+1 < len(page) && (page[i+1] == '/' || page[i+1] == '!' || 'a' <= page[i+1]|0x20 && page[i+1]|0x20 <= 'z'):
			inTag = true
		}
		b.WriteByte(c)
	}
	return b.String()
}

// lineAt is the line of the decoder's position in page.
func lineAt(d *xml.Decoder, page string) int {
	off := int(d.InputOffset())
	return strings.Count(page[:min(off, len(page))], "\n") + 1
}

// wellFormedXML checks data is well-formed XML.
func wellFormedXML(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

var ldJSONRE = regexp.MustCompile(`(?s)<script type="?application/ld\+json"?>(.*?)</script>`)

// ldJSONBlocks returns the body of every JSON-LD script of page.
func ldJSONBlocks(page string) []string {
	var blocks []string
	for _, m := range ldJSONRE.FindAllStringSubmatch(page, -1) {
		blocks = append(blocks, m[1])
	}
	return blocks
}

// copySite copies the example site (content/, layouts/, assets/) into a new
// temporary folder and returns it, for tests that change it.
func copySite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"content", "layouts", "assets"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(repoRoot, sub))); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// editFile replaces old, which must occur once, by new in the file name of
// the site folder root, and returns the line where new starts.
func editFile(t *testing.T, root, name, old, new string) int {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	if n := strings.Count(s, old); n != 1 {
		t.Fatalf("%s: %q occurs %d times, want once", name, old, n)
	}
	at := strings.Index(s, old)
	if err := os.WriteFile(p, []byte(strings.Replace(s, old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	return strings.Count(s[:at], "\n") + 1
}

// fileState is what a failed build must not change about a file.
type fileState struct {
	data    []byte
	mode    fs.FileMode
	modTime time.Time
}

// snapshot records every entry under dir (folders too), by slash path.
func snapshot(t *testing.T, dir string) map[string]fileState {
	t.Helper()
	snap := map[string]fileState{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		st := fileState{mode: info.Mode(), modTime: info.ModTime()}
		if info.Mode().IsRegular() {
			if st.data, err = os.ReadFile(p); err != nil {
				return err
			}
		}
		snap[filepath.ToSlash(rel)] = st
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

// TestFailedBuildLeavesOutputUntouched builds a copy of the example site,
// breaks it, and builds again: the build must fail with the place of the
// mistake and leave the output folder exactly as it was, with no temporary
// folder left beside it.
func TestFailedBuildLeavesOutputUntouched(t *testing.T) {
	const facts = "content/postings/mediateur-interculturel-calais.fr.md"
	tests := []struct {
		name string
		// breakSite breaks the site in root and returns where the error
		// must point, as a regular expression matching "file:line".
		breakSite func(t *testing.T, root string) (place string)
		wantMsg   string // a part of the error message besides the place
	}{
		{
			name: "salary min above max",
			breakSite: func(t *testing.T, root string) string {
				minLine := editFile(t, root, facts, "  min: 24000\n", "  min: 30000\n")
				// The salary: line or its min: line.
				return fmt.Sprintf(`%s:(%d|%d):`, regexp.QuoteMeta(facts), minLine-1, minLine)
			},
			wantMsg: "salary",
		},
		{
			name: "layout uses a missing interface string",
			breakSite: func(t *testing.T, root string) string {
				line := editFile(t, root, "layouts/posting.html", `<h1>{{.Title}}</h1>`, `<h1>{{.Title}}</h1>{{$.T "no.such.key"}}`)
				// The layout line that uses the key: where to look when it
				// is mistyped.
				return fmt.Sprintf(`layouts/posting\.html:%d: "no\.such\.key" is missing from layouts/i18n/(fr|en)\.yaml`, line)
			},
			wantMsg: "no.such.key",
		},
		{
			name: "template syntax error",
			breakSite: func(t *testing.T, root string) string {
				line := editFile(t, root, "layouts/posting.html", `<h1>{{.Title}}</h1>`, `<h1>{{.Title}</h1>`)
				return fmt.Sprintf(`layouts/posting\.html:%d\b`, line)
			},
		},
		{
			// Fails while pages are written, after the assets were: the
			// half-written temporary folder must go.
			name: "partial calls an undefined template",
			breakSite: func(t *testing.T, root string) string {
				line := editFile(t, root, "layouts/_apply.html", `<h2 id="apply-h">`, `{{template "no-such-partial" .}}<h2 id="apply-h">`)
				return fmt.Sprintf(`layouts/_apply\.html:%d\b`, line)
			},
			wantMsg: "no-such-partial",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := copySite(t)
			parent := t.TempDir()
			out := filepath.Join(parent, "public")
			runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
			// Older mtimes than any write of the failed build could give,
			// whatever the file system's time resolution.
			old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
			filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
				if err == nil {
					os.Chtimes(p, old, old)
				}
				return nil
			})
			before := snapshot(t, out)

			place := tt.breakSite(t, root)
			res, err := build.Run(context.Background(), build.Config{Root: root, Out: out, Today: exampleToday})
			if err == nil {
				t.Fatal("the build of the broken site succeeded")
			}
			// The place of the mistake, in the error or in the diagnostics.
			msgs := []string{err.Error()}
			if res != nil {
				for _, d := range res.Diagnostics {
					msgs = append(msgs, d.String())
				}
			}
			all := strings.Join(msgs, "\n")
			if !regexp.MustCompile(place).MatchString(all) {
				t.Errorf("the error does not name the place of the mistake (%s):\n%s", place, all)
			}
			if !strings.Contains(all, tt.wantMsg) {
				t.Errorf("the error does not mention %q:\n%s", tt.wantMsg, all)
			}
			var cerr *content.ContentError
			if strings.HasPrefix(place, regexp.QuoteMeta(facts)) && !errors.As(err, &cerr) {
				t.Errorf("a content mistake gives %T, want a *content.ContentError", err)
			}

			after := snapshot(t, out)
			for _, name := range sortedKeys(before) {
				a, ok := after[name]
				switch {
				case !ok:
					t.Errorf("%s: removed by the failed build", name)
				case !bytes.Equal(a.data, before[name].data):
					t.Errorf("%s: changed by the failed build", name)
				case a.mode != before[name].mode || !a.modTime.Equal(before[name].modTime):
					t.Errorf("%s: mode or time changed by the failed build: %v %v, was %v %v", name, a.mode, a.modTime, before[name].mode, before[name].modTime)
				}
			}
			for _, name := range sortedKeys(after) {
				if _, ok := before[name]; !ok {
					t.Errorf("%s: added by the failed build", name)
				}
			}
			entries, err := os.ReadDir(parent)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if e.Name() != "public" && e.Name() != manifestName {
					t.Errorf("%s left beside the output folder", e.Name())
				}
			}
		})
	}
}

// manifestName is the build manifest of an output folder named public,
// kept beside it (see manifest.go).
const manifestName = ".public.jobboard-cache"

// TestSuccessfulBuildReplacesOutput checks the other half of the swap: a
// build over an existing output leaves no file of the previous site that
// the new one does not write, and no temporary folder.
func TestSuccessfulBuildReplacesOutput(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	// A previous output, with the page of a posting removed since (a
	// folder of files jobboard did not make is refused: TestRefusedOutput).
	runBuild(t, build.Config{Root: repoRoot, Out: out, Today: exampleToday})
	if err := os.MkdirAll(filepath.Join(out, "fr", "old-posting"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "fr", "old-posting", "index.html"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	runBuild(t, build.Config{Root: repoRoot, Out: out, Today: exampleToday})
	if _, err := os.Stat(filepath.Join(out, "fr", "old-posting")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a page of the previous build survived the new build: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Error(err)
	}
	info, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm()&0o055 != 0o055 {
		t.Errorf("output folder mode %v: a published site must be readable by all", info.Mode())
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "public" && e.Name() != manifestName {
			t.Errorf("%s left beside the output folder", e.Name())
		}
	}
}

// TestHTMLOutline makes sure the parse check of TestMinifiedPagesParse
// does catch broken pages.
func TestHTMLOutline(t *testing.T) {
	tests := []struct {
		page string
		ok   bool
	}{
		{`<!doctype html><html lang="fr"><head><meta charset="utf-8"><link rel="icon" href="/i.svg"></head><body><p>a<br>b<wbr>c &amp; d</p></body></html>`, true},
		{`<html><body><div><p>a</div></p></body></html>`, false},
		{`<html><body><div><p>a</p></body></html>`, false},
		{`<html><body><p>a</p></p></body></html>`, false},
		{`<html><body><p class="a>b</p></body></html>`, false},
		{`<html><body><p title="a<b" class='c<d'>x</p></body></html>`, true},
	}
	for _, tt := range tests {
		_, err := htmlOutline(tt.page)
		if (err == nil) != tt.ok {
			t.Errorf("htmlOutline(%s): error %v, want ok %v", tt.page, err, tt.ok)
		}
	}
}

// TestFailedFirstBuildWritesNothing: a build that fails when there is no
// output yet leaves no output folder and no temporary folder.
func TestFailedFirstBuildWritesNothing(t *testing.T) {
	root := copySite(t)
	editFile(t, root, "content/postings/mediateur-interculturel-calais.fr.md", "  min: 24000\n", "  min: 30000\n")
	parent := t.TempDir()
	if _, err := build.Run(context.Background(), build.Config{Root: root, Out: filepath.Join(parent, "public"), Today: exampleToday}); err == nil {
		t.Fatal("the build of the broken site succeeded")
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("%s left by a failed build", e.Name())
	}
}

// TestRebuildKeepsUnchangedFiles builds a site, edits one posting's
// French text and builds again over the same output: the new output must
// be exactly what a build into an empty folder gives, every file whose
// bytes did not change must keep its modification time (a deploy that
// syncs by time uploads only the edited pages), and every other file must
// be new. The French text is in the job feed too, which is written in
// parts. A symbolic link left in the output is never taken for a page.
func TestRebuildKeepsUnchangedFiles(t *testing.T) {
	root := copySite(t)
	out := filepath.Join(t.TempDir(), "public")
	runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			os.Chtimes(p, old, old)
		}
		return nil
	})
	before := readTree(t, out)
	// 404.html as a symbolic link to a file with the same bytes.
	elsewhere := filepath.Join(t.TempDir(), "404.html")
	if err := os.WriteFile(elsewhere, before["404.html"], 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(out, "404.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, filepath.Join(out, "404.html")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}

	editFile(t, root, "content/postings/mediateur-interculturel-calais.fr.md",
		"ECPAT France à Calais recrute un ou une médiateur.rice interculturel.le.",
		"ECPAT France à Calais recrute désormais un ou une médiateur.rice interculturel.le.")
	res := runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})

	fresh := filepath.Join(t.TempDir(), "public")
	runBuild(t, build.Config{Root: root, Out: fresh, Today: exampleToday})
	got := readTree(t, out) // fails on anything but folders and regular files
	compareTrees(t, "a build into an empty folder", "a rebuild", readTree(t, fresh), got, false)

	changed, kept := 0, 0
	for _, name := range sortedKeys(got) {
		info, err := os.Stat(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		same := bytes.Equal(got[name], before[name]) && name != "404.html"
		switch {
		case same && !info.ModTime().Equal(old):
			t.Errorf("%s: bytes unchanged but written again (time %v)", name, info.ModTime())
		case !same && info.ModTime().Equal(old):
			t.Errorf("%s: bytes changed but the file kept its old time", name)
		case same:
			kept++
		default:
			changed++
		}
	}
	if res.Kept != kept {
		t.Errorf("Result.Kept = %d, want %d (files with the old time)", res.Kept, kept)
	}
	// The edit shows on the French page and in the job feed, not on the
	// English page; most files are not touched by it.
	for name, wantChanged := range map[string]bool{
		"fr/mediateur-interculturel-calais/index.html": true,
		"jobs.xml": true,
		"en/mediateur-interculturel-calais/index.html": false,
	} {
		if isChanged := !bytes.Equal(got[name], before[name]); isChanged != wantChanged {
			t.Errorf("%s: changed by the edit: %v, want %v", name, isChanged, wantChanged)
		}
	}
	if kept < changed {
		t.Errorf("%d files kept and %d written: want the edit to rewrite a few files only", kept, changed)
	}
	if _, err := os.Stat(elsewhere); err != nil {
		t.Errorf("the file the old output linked to is gone: %v", err)
	}
}
