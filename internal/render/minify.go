package render

import (
	"io"
	"regexp"
	"text/template/parse"
)

// A page is made minified from layouts minified once, when they are parsed
// (Options.Minify), rather than minified whole, page after page: at 1,000
// postings that was an eighth of the CPU of a build from empty. The
// minifier leaves the template actions as they are, and the whitespace
// next to them (it cannot know what they print). The HTML made from
// Markdown is left as goldmark writes it: minifying it too took a
// twentieth of the CPU, for a newline between its blocks (~40 bytes of a
// posting page, 34 gzipped).

// minifyLayouts is files, each minified with minify if that leaves its
// template actions as they were (sameActions), else as written. The
// minifier reads a ' or " in an action as the start of a string to its
// end: a comment such as {{/* the posting's text */}} would have it take
// the rest of the file for one action, so comments are emptied first.
func minifyLayouts(files layoutFiles, minify func(string) (string, error)) layoutFiles {
	out := make(layoutFiles, len(files))
	for name, text := range files {
		out[name] = text
		small, err := minify(templateComment.ReplaceAllString(text, "{{${1}/**/${2}}}"))
		if err == nil && sameActions(name, text, small) {
			out[name] = small
		}
	}
	return out
}

// templateComment is a comment of text/template, with the markers that
// trim the spaces around it.
var templateComment = regexp.MustCompile(`(?s)\{\{(-[ \t\r\n])?/\*.*?\*/([ \t\r\n]-)?\}\}`)

// sameActions reports whether the template texts a and b, of the file
// name, parse to the same templates but for their text: the same actions
// in the same order. A text that does not parse is the same as none.
func sameActions(name, a, b string) bool {
	ta, tb := actions(name, a), actions(name, b)
	if ta == nil || tb == nil || len(ta) != len(tb) {
		return false
	}
	for n, s := range ta {
		if t, ok := tb[n]; !ok || t != s {
			return false
		}
	}
	return true
}

// actions is the templates of text, each written without its text, by
// name; nil if text does not parse.
func actions(name, text string) map[string]string {
	t := parse.New(name)
	t.Mode = parse.SkipFuncCheck
	trees := map[string]*parse.Tree{}
	if _, err := t.Parse(text, "", "", trees); err != nil {
		return nil
	}
	out := make(map[string]string, len(trees))
	for n, tree := range trees {
		c := tree.Copy()
		dropText(c.Root)
		out[n] = c.Root.String()
	}
	return out
}

// dropText takes the text out of the template below n.
func dropText(n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		nodes := n.Nodes[:0]
		for _, c := range n.Nodes {
			if _, text := c.(*parse.TextNode); !text {
				dropText(c)
				nodes = append(nodes, c)
			}
		}
		n.Nodes = nodes
	case *parse.IfNode:
		dropText(n.List)
		dropText(n.ElseList)
	case *parse.RangeNode:
		dropText(n.List)
		dropText(n.ElseList)
	case *parse.WithNode:
		dropText(n.List)
		dropText(n.ElseList)
	}
}

// writtenError is the error of executing the page layout name as written
// with v, or err, the error of its minified copy, if that one does not
// fail: the minifier moved the actions to other lines, so that only the
// layout as written says where an error is. The set is cloned: a set once
// executed cannot be (inLanguage clones these).
func (ls *layouts) writtenError(name string, v *View, err error) error {
	set, cerr := ls.written[name].Clone()
	if cerr != nil {
		return err
	}
	if werr := set.ExecuteTemplate(io.Discard, layoutDir+"/base.html", v); werr != nil {
		return werr
	}
	return err
}
