package render

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"

	"github.com/jobboard/jobboard/internal/site"
)

// Layout files, under layouts/ in the site folder:
//
//	base.html        the shell of every page; defines the blocks "title",
//	                 "head" and "content" that page layouts override
//	_*.html          partials ({{define "name"}}...{{end}}), shared by all
//	home.html        the language chooser at /
//	list.html        lists: open postings, archive, contract and place filters
//	posting.html     one posting
//	404.html         the not-found page
const layoutDir = "layouts"

// layoutOf names the layout file of each kind of page.
func layoutOf(k site.Kind) string {
	switch k {
	case site.HomePage:
		return "home.html"
	case site.PostingPage:
		return "posting.html"
	case site.NotFoundPage:
		return "404.html"
	}
	return "list.html"
}

var pageKinds = []site.Kind{site.HomePage, site.ListPage, site.ArchivePage, site.ContractPage, site.PlacePage, site.RemotePage, site.PostingPage, site.NotFoundPage}

// layouts is the parsed layouts: one template set per page layout, each the
// shell and partials plus that layout; and what the layouts use, for the
// static checks. The sets are never executed: pages are rendered with
// their copies for each language (inLanguage).
type layouts struct {
	pages map[string]*template.Template // by layout file name ("posting.html")
	// written is, when the pages are made from the layouts minified, the
	// page sets parsed from the layouts as written: they say where an
	// error of execution is (see writtenError). nil: pages is those.
	written map[string]*template.Template
	keys    map[string]place // i18n keys used by a layout, each with its first use
	assets  []string         // asset names used by a layout

	mu    sync.Mutex
	langs map[string]languageLayouts // by language
}

// languageLayouts is the page sets of layouts for one language, with the
// interface strings written into them.
type languageLayouts struct {
	msgs  *messages // they were made with
	pages map[string]*template.Template
}

// inLanguage is the page sets of ls for the language of msgs, each
// {{.T "key"}} without arguments replaced by its text (foldTexts). They
// are made once for each language and set of interface strings, so that
// serve, which parses the layouts again only when they change, escapes
// them (html/template does it at the first execution) once too.
func (ls *layouts) inLanguage(lang string, msgs *messages) (map[string]*template.Template, error) {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if made, ok := ls.langs[lang]; ok && made.msgs == msgs {
		return made.pages, nil
	}
	pages := make(map[string]*template.Template, len(ls.pages))
	for name, set := range ls.pages {
		// Clone copies the parse trees: the texts are written into the
		// copies only.
		c, err := set.Clone()
		if err != nil {
			return nil, err
		}
		for _, t := range c.Templates() {
			if t.Tree != nil && t.Tree.Root != nil {
				foldTexts(t.Tree.Root, msgs)
			}
		}
		pages[name] = c
	}
	if ls.langs == nil {
		ls.langs = map[string]languageLayouts{}
	}
	ls.langs[lang] = languageLayouts{msgs, pages}
	return pages, nil
}

// foldTexts replaces, in the template below n, each call {{.T "key"}} or
// {{$.T "key"}} without arguments by the text of key in msgs, as a string
// constant that html/template then escapes for its place like the call's
// result. A method call costs text/template a lookup by name and a call
// through reflection: at ~20 calls a posting page, folding them took 6 to
// 10% off the time of rendering a site's pages, Markdown included
// (BenchmarkRender), and an eighth of the allocations. The keys are known
// to be in msgs (checkMessages); a text with a % is left to T, which
// formats it.
func foldTexts(n parse.Node, msgs *messages) {
	eachCommand(n, func(c *parse.CommandNode) {
		if text, ok := foldedText(c, msgs); ok {
			c.Args = []parse.Node{&parse.StringNode{NodeType: parse.NodeString, Pos: c.Args[0].Position(), Quoted: strconv.Quote(text), Text: text}}
		}
	})
}

// foldedText is the text that the command c, if it is .T "key" or
// $.T "key", evaluates to.
func foldedText(c *parse.CommandNode, msgs *messages) (string, bool) {
	if len(c.Args) != 2 {
		return "", false
	}
	switch f := c.Args[0].(type) {
	case *parse.FieldNode:
		if !slices.Equal(f.Ident, []string{"T"}) {
			return "", false
		}
	case *parse.VariableNode:
		if !slices.Equal(f.Ident, []string{"$", "T"}) {
			return "", false
		}
	default:
		return "", false
	}
	key, ok := c.Args[1].(*parse.StringNode)
	if !ok {
		return "", false
	}
	text, ok := msgs.text[key.Text]
	if !ok || strings.Contains(text, "%") {
		return "", false
	}
	return text, true
}

// layoutFiles is the text of every layouts/*.html by path.
type layoutFiles map[string]string

// readLayouts reads every layouts/*.html.
func readLayouts(root fs.FS) (layoutFiles, error) {
	names, err := fs.Glob(root, layoutDir+"/*.html")
	if err != nil {
		return nil, err
	}
	files := layoutFiles{}
	for _, n := range names {
		b, err := fs.ReadFile(root, n)
		if err != nil {
			return nil, err
		}
		files[n] = string(b)
	}
	return files, nil
}

// parseLayouts parses layout files. Templates are named by their path, so
// parse and execution errors say "layouts/posting.html:12:3". With minify
// (Options.Minify), pages are made from the layouts minified (see
// minifyLayouts); the checks, and the places of errors, are of the
// layouts as written.
func parseLayouts(files layoutFiles, minify func(string) (string, error)) (*layouts, error) {
	ls, err := parseSets(files)
	if err != nil || minify == nil {
		return ls, err
	}
	small, err := parseSets(minifyLayouts(files, minify))
	if err != nil {
		// Not seen: a layout minified has the actions of the one written.
		return ls, nil
	}
	ls.written, ls.pages = ls.pages, small.pages
	return ls, nil
}

// parseSets parses layout files into a set for each page layout, and
// collects what they use.
func parseSets(files layoutFiles) (*layouts, error) {
	names := slices.Sorted(maps.Keys(files))
	basePath := layoutDir + "/base.html"
	if !slices.Contains(names, basePath) {
		return nil, fmt.Errorf("%s: missing: it is the shell of every page", basePath)
	}
	shell := template.New(basePath)
	if _, err := shell.Parse(files[basePath]); err != nil {
		return nil, err
	}
	var pageFiles []string
	for _, n := range names {
		switch base := path.Base(n); {
		case n == basePath:
		case strings.HasPrefix(base, "_"):
			if _, err := shell.New(n).Parse(files[n]); err != nil {
				return nil, err
			}
		default:
			pageFiles = append(pageFiles, n)
		}
	}
	ls := &layouts{pages: map[string]*template.Template{}}
	var errs []error
	for _, n := range pageFiles {
		src := files[n]
		set, err := shell.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := set.New(n).Parse(src); err != nil {
			errs = append(errs, err)
			continue
		}
		ls.pages[path.Base(n)] = set
	}
	for _, k := range pageKinds {
		n := layoutOf(k)
		if _, ok := ls.pages[n]; !ok && !slices.Contains(pageFiles, layoutDir+"/"+n) {
			errs = append(errs, fmt.Errorf("%s/%s: missing: the site needs it for its pages", layoutDir, n))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	keys, assets := map[string]place{}, map[string]bool{}
	for _, set := range ls.pages {
		for _, t := range set.Templates() {
			if t.Tree == nil || t.Tree.Root == nil {
				continue
			}
			if err := collect(t.Tree, t.Tree.Root, keys, assets); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	ls.keys, ls.assets = keys, sorted(assets)
	return ls, nil
}

// place is where a layout uses something: the layout file and line.
type place struct {
	file      string
	line, col int
}

func (p place) String() string { return p.file + ":" + strconv.Itoa(p.line) }

func (p place) compare(q place) int {
	if c := strings.Compare(p.file, q.file); c != 0 {
		return c
	}
	if p.line != q.line {
		return p.line - q.line
	}
	return p.col - q.col
}

// placeOf is where node n of tree is: tree.ErrorContext gives
// "file:line:col", the file being the name the template was parsed under
// (its path, "layouts/posting.html", also for a {{define}} inside it).
func placeOf(tree *parse.Tree, n parse.Node) place {
	loc, _ := tree.ErrorContext(n)
	p := place{file: loc}
	if i := strings.LastIndexByte(loc, ':'); i >= 0 {
		p.col, _ = strconv.Atoi(loc[i+1:])
		loc = loc[:i]
		if j := strings.LastIndexByte(loc, ':'); j >= 0 {
			p.line, _ = strconv.Atoi(loc[j+1:])
			p.file = loc[:j]
		}
	}
	return p
}

func sorted(m map[string]bool) []string {
	s := make([]string, 0, len(m))
	for k := range m {
		s = append(s, k)
	}
	slices.Sort(s)
	return s
}

// collect walks a template and records the keys of .T "key" and
// .TIn $lang "key", each with the first place that uses it (the same
// partial is walked once per page layout, in no set order, so "first" is by
// file and line), and the names of .Asset "name". Keys must be written
// out, so that a missing translation is found when the site is built
// rather than when a page happens to use it.
func collect(tree *parse.Tree, n parse.Node, keys map[string]place, assets map[string]bool) error {
	var errs []error
	eachCommand(n, func(c *parse.CommandNode) {
		method := methodName(c.Args[0])
		if method != "T" && method != "TIn" && method != "Asset" {
			return
		}
		var lit *parse.StringNode
		for _, a := range c.Args[1:] {
			if s, ok := a.(*parse.StringNode); ok {
				lit = s
				break
			}
		}
		if lit == nil {
			loc, _ := tree.ErrorContext(c)
			errs = append(errs, fmt.Errorf("%s: .%s needs its key written out in quotes, so that every language can be checked before the build", loc, method))
		} else if method == "Asset" {
			assets[lit.Text] = true
		} else if at, seen := keys[lit.Text]; !seen || placeOf(tree, lit).compare(at) < 0 {
			keys[lit.Text] = placeOf(tree, lit)
		}
	})
	return errors.Join(errs...)
}

// eachCommand calls f with every command of the template below n, each
// before the commands in its own arguments (parenthesised pipelines). f
// may change the command's arguments: the new ones are walked.
func eachCommand(n parse.Node, f func(*parse.CommandNode)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			eachCommand(c, f)
		}
	case *parse.ActionNode:
		eachCommand(n.Pipe, f)
	case *parse.IfNode:
		eachBranchCommand(&n.BranchNode, f)
	case *parse.RangeNode:
		eachBranchCommand(&n.BranchNode, f)
	case *parse.WithNode:
		eachBranchCommand(&n.BranchNode, f)
	case *parse.TemplateNode:
		eachCommand(n.Pipe, f)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			eachCommand(c, f)
		}
	case *parse.CommandNode:
		f(n)
		for _, a := range n.Args {
			eachCommand(a, f)
		}
	}
}

func eachBranchCommand(b *parse.BranchNode, f func(*parse.CommandNode)) {
	eachCommand(b.Pipe, f)
	eachCommand(b.List, f)
	eachCommand(b.ElseList, f)
}

// methodName is the last name of a field or variable chain: "T" for .T,
// $.T and $p.T; "" for anything else.
func methodName(n parse.Node) string {
	var idents []string
	switch n := n.(type) {
	case *parse.FieldNode:
		idents = n.Ident
	case *parse.VariableNode:
		idents = n.Ident[1:]
	case *parse.ChainNode:
		idents = n.Field
	}
	if len(idents) == 0 {
		return ""
	}
	return idents[len(idents)-1]
}
