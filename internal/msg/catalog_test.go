package msg

import (
	"bytes"
	"errors"
	"go/ast"
	"go/constant"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/jobboard/jobboard"

// TestCatalogComplete is what keeps the catalog in step with the code:
// every constant format string the code passes to a message function (a
// function of a package that uses this one, with a parameter format
// string: errorf, warnf, New, Errorf, Sentinel, Sprintf...) has a French
// text with the same placeholders, and every French text is for a format
// still in the code.
func TestCatalogComplete(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the whole module")
	}
	formats := codeFormats(t)
	if len(formats) < 100 {
		t.Fatalf("found only %d formats in the code; the walk is broken", len(formats))
	}
	for format, pos := range formats {
		if !needsTranslation(format) {
			continue
		}
		fr, ok := french[format]
		if !ok {
			t.Errorf("%s: no French text for %q", pos, format)
			continue
		}
		if en, f := verbs(format), verbs(fr); !slices.Equal(en, f) {
			t.Errorf("%s: the French text of %q has placeholders %v, the English %v", pos, format, f, en)
		}
	}
	for format := range french {
		if _, ok := formats[format]; !ok {
			t.Errorf("the catalog has a French text for %q, which no code uses any more: remove it", format)
		}
	}
}

// needsTranslation says whether format has words (not only placeholders
// and punctuation, like "%s" or "%q: %s").
func needsTranslation(format string) bool {
	return regexp.MustCompile(`[A-Za-z]{2,}`).MatchString(verbRE.ReplaceAllString(format, ""))
}

var verbRE = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// verbs lists the placeholders of format as "argument number:verb", sorted,
// each once: a translation may reorder them (%[2]s) but must use the same.
func verbs(format string) []string {
	var out []string
	next := 1
	for _, m := range verbRE.FindAllStringSubmatch(format, -1) {
		v := m[0]
		if strings.HasSuffix(v, "%") {
			continue
		}
		n := next
		if m[1] != "" {
			n = int(m[1][1] - '0') // [1]..[9]
			v = strings.Replace(v, m[1], "", 1)
		}
		next = n + 1
		out = append(out, string(rune('0'+n))+":"+v)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// codeFormats type-checks every package of the module and returns each
// constant format passed to a message function, with where it is.
func codeFormats(t *testing.T) map[string]string {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	exports := exportData(t, root)
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		return os.Open(exports[path])
	})
	formats := map[string]string{}
	for path := range exports {
		if !strings.HasPrefix(path, module+"/") && path != module {
			continue
		}
		dir := filepath.Join(root, strings.TrimPrefix(strings.TrimPrefix(path, module), "/"))
		pkgFormats(t, fset, imp, path, dir, formats)
	}
	return formats
}

// exportData builds the module and maps each package it imports to its
// compiled export data.
func exportData(t *testing.T, root string) map[string]string {
	cmd := exec.Command("go", "list", "-export", "-deps", "-f", "{{.ImportPath}} {{.Export}}", "./...")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	exports := map[string]string{}
	for line := range bytes.Lines(out) {
		path, file, _ := strings.Cut(strings.TrimSpace(string(line)), " ")
		exports[path] = file
	}
	return exports
}

func pkgFormats(t *testing.T, fset *token.FileSet, imp types.Importer, path, dir string, formats map[string]string) {
	pkgs, err := parser.ParseDir(fset, dir, func(fi os.FileInfo) bool {
		return !strings.HasSuffix(fi.Name(), "_test.go")
	}, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range pkgs {
		var files []*ast.File
		for _, f := range pkg.Files {
			files = append(files, f)
		}
		info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Uses: map[*ast.Ident]types.Object{}}
		conf := types.Config{Importer: imp, Error: func(error) {}}
		conf.Check(path, fset, files, info)
		for _, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok {
					callFormat(t, fset, info, call, formats)
				}
				return true
			})
		}
	}
}

// printsMessages says whether pkg is a package of the module whose
// messages are translated: one that makes them with this package.
func printsMessages(pkg *types.Package) bool {
	if !strings.HasPrefix(pkg.Path(), module) {
		return false
	}
	if pkg.Path() == module+"/internal/msg" {
		return true
	}
	return slices.ContainsFunc(pkg.Imports(), func(p *types.Package) bool { return p.Path() == module+"/internal/msg" })
}

// formatParam is the index of sig's parameter format string, or -1.
func formatParam(sig *types.Signature) int {
	for i := range sig.Params().Len() {
		p := sig.Params().At(i)
		if p.Name() == "format" && types.Identical(p.Type(), types.Typ[types.String]) {
			return i
		}
	}
	return -1
}

// callFormat records the format of call when it calls a message function
// of the module; a format that is not a constant fails the test, since
// the catalog cannot hold it.
func callFormat(t *testing.T, fset *token.FileSet, info *types.Info, call *ast.CallExpr, formats map[string]string) {
	var id *ast.Ident
	switch fun := call.Fun.(type) {
	case *ast.Ident:
		id = fun
	case *ast.SelectorExpr:
		id = fun.Sel
	default:
		return
	}
	fn := info.Uses[id] // a function, or a variable holding a closure (report := func...)
	if fn == nil || fn.Pkg() == nil || !printsMessages(fn.Pkg()) {
		return
	}
	sig, ok := fn.Type().Underlying().(*types.Signature)
	if !ok {
		return
	}
	i := formatParam(sig)
	if i < 0 || i >= len(call.Args) {
		return
	}
	if id, ok := call.Args[i].(*ast.Ident); ok && id.Name == "format" {
		return // a message function passing its format on
	}
	pos := fset.Position(call.Args[i].Pos()).String()
	tv := info.Types[call.Args[i]]
	if tv.Value == nil || tv.Value.Kind() != constant.String {
		t.Errorf("%s: the format of %s is not a constant string, so it cannot be translated", pos, fn.Name())
		return
	}
	format := constant.StringVal(tv.Value)
	formats[format] = pos
	// go vet does not see these functions as printf wrappers (they keep
	// the arguments rather than format them): count the arguments here.
	if !call.Ellipsis.IsValid() {
		if got, want := len(call.Args)-i-1, argsNeeded(format); sig.Variadic() && got != want {
			t.Errorf("%s: %q takes %d arguments, given %d", pos, format, want, got)
		}
	}
}

// argsNeeded is the number of arguments format uses: the highest
// argument number of its placeholders.
func argsNeeded(format string) int {
	n := 0
	for _, v := range verbs(format) {
		n = max(n, int(v[0]-'0'))
	}
	return n
}

// TestFrenchTypography: the French texts have a no-break space, never a
// plain one, before : ; ? ! and inside « », and none is empty.
func TestFrenchTypography(t *testing.T) {
	bad := regexp.MustCompile(` [:;?!]($|[ )\n])|« | »`)
	for en, fr := range french {
		if bad.MatchString(fr) || strings.TrimSpace(fr) == "" {
			t.Errorf("the French text of %q is %q", en, fr)
		}
	}
}

func TestFromEnv(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want Lang
	}{
		{map[string]string{}, English},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, French},
		{map[string]string{"LANG": "fr_BE"}, French},
		{map[string]string{"LANG": "en_GB.UTF-8"}, English},
		{map[string]string{"LANG": "C.UTF-8"}, English},
		{map[string]string{"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, English},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"}, French},
		{map[string]string{"LC_MESSAGES": "en_US.UTF-8", "LC_ALL": "fr_FR.UTF-8"}, French},
		{map[string]string{"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, English},
	} {
		if got := FromEnv(func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("FromEnv(%v) = %v, want %v", c.env, got, c.want)
		}
	}
}

// TestIn: a message prints in the language asked, its parts too, and a
// format the catalog lacks prints in English.
func TestIn(t *testing.T) {
	inner := New("a list")
	m := New("must be a single value, not %s", inner)
	if got, want := m.In(English), "must be a single value, not a list"; got != want {
		t.Errorf("English: %q, want %q", got, want)
	}
	if got, want := m.In(French), "doit être une seule valeur, pas une liste"; got != want {
		t.Errorf("French: %q, want %q", got, want)
	}
	if got, want := New("no such message %d", 3).In(French), "no such message 3"; got != want {
		t.Errorf("a format not in the catalog: %q, want %q", got, want)
	}
	if got, want := New("%s", Errorf("cannot read: %v", "x")).In(French), "lecture impossible\u00a0: x"; got != want {
		t.Errorf("an error that is a message: %q, want %q", got, want)
	}
}

// TestWrap: a message made with %w prints its error in the language asked
// and is that error for errors.Is.
func TestWrap(t *testing.T) {
	sentinel := Sentinel("a list")
	err := Errorf("%s: %w", "x", sentinel)
	if !errors.Is(err, sentinel) {
		t.Errorf("errors.Is(%v, sentinel) = false", err)
	}
	if got, want := New("must be a single value, not %s", err).In(French), "doit être une seule valeur, pas x: une liste"; got != want {
		t.Errorf("French: %q, want %q", got, want)
	}
}
