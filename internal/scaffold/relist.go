package scaffold

import (
	"bytes"
	"errors"
	"io/fs"
	"regexp"
	"strings"

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/msg"
)

// Relist starts the posting slug from the old posting from, as staff
// relist a job that was filled and opens again: every file of from is
// copied, its text and facts kept, with the dates that belong to the old
// listing cleared in the default language's file: posted is today,
// expires is removed (the old one is past), start is marked to be given
// again, and the new posting is a draft. It writes every file or none.
func Relist(root, from, slug string, today content.Date) (*Result, error) {
	fsys := content.DirFS(root)
	cfg, today, err := prepare(fsys, slug, today)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	var out [][]byte
	var names []string
	for i, lang := range cfg.Languages {
		data, err := fs.ReadFile(fsys, postingFile(from, lang))
		if errors.Is(err, fs.ErrNotExist) && i > 0 {
			res.Notes = append(res.Notes, msg.New("%s has no %s version: none was made for %s", from, lang, slug))
			continue
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil, msg.Errorf("%w: there is no %s to start from (its facts would be in it)", ErrNoPosting, postingFile(from, lang))
		}
		if err != nil {
			return nil, err
		}
		if i == 0 {
			if data, err = relistFacts(data, today, startNote(lang)); err != nil {
				return nil, msg.Errorf("%s: %w", postingFile(from, lang), err)
			}
		}
		out = append(out, data)
		names = append(names, postingFile(slug, lang))
	}
	if res.Files, err = writeAll(root, names, out); err != nil {
		return nil, err
	}
	return res, nil
}

// ErrNoPosting is returned (wrapped) when the posting to relist does not
// exist.
var ErrNoPosting = msg.Sentinel("no such posting")

// The top-level fields of a YAML front matter that Relist changes: a
// field's line and, for start, its value with any comment after it.
var (
	postedRE  = regexp.MustCompile(`(?m)^posted:.*$`)
	expiresRE = regexp.MustCompile(`(?m)^expires:.*\n`)
	startRE   = regexp.MustCompile(`(?m)^start:.*$`)
	draftRE   = regexp.MustCompile(`(?m)^draft:.*$`)
)

// startNote is the note beside the start date of a posting relisted, in
// the language of its file (the marker is one jobboard check knows).
func startNote(lang string) string {
	if lang == "fr" || strings.HasPrefix(lang, "fr-") {
		return "# À REMPLACER : la nouvelle date de début, AAAA-MM-JJ, ou asap"
	}
	return "# CHANGE ME: the new start date, YYYY-MM-DD, or asap"
}

// relistFacts clears the dates of the old listing in the front matter of
// data, the default language's file of a posting, and notes the start
// date to write with note.
func relistFacts(data []byte, today content.Date, note string) ([]byte, error) {
	// As Notepad may save it: a byte-order mark, lines ending in CR LF,
	// kept as they were.
	bom := []byte("\ufeff")
	hasBOM := bytes.HasPrefix(data, bom)
	crlf := bytes.Contains(data, []byte("\r\n"))
	data = bytes.ReplaceAll(bytes.TrimPrefix(data, bom), []byte("\r\n"), []byte("\n"))
	out, err := relistLF(data, today, note)
	if err != nil {
		return nil, err
	}
	if crlf {
		out = bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n"))
	}
	if hasBOM {
		out = append(bom, out...)
	}
	return out, nil
}

// relistLF is relistFacts of a file whose lines end in LF.
func relistLF(data []byte, today content.Date, note string) ([]byte, error) {
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		return nil, msg.Errorf("its facts are not YAML between --- lines: copy it by hand")
	}
	fm, body, ok := bytes.Cut(rest, []byte("\n---\n"))
	if !ok {
		return nil, msg.Errorf("its front matter is never closed: run jobboard check")
	}
	fm = append(fm, '\n')
	if !postedRE.Match(fm) {
		return nil, msg.Errorf("it has no posted: line: run jobboard check")
	}
	fm = postedRE.ReplaceAll(fm, []byte("posted: "+today.String()))
	fm = expiresRE.ReplaceAll(fm, nil)
	fm = startRE.ReplaceAll(fm, []byte("start: asap  "+note))
	if draftRE.Match(fm) {
		fm = draftRE.ReplaceAll(fm, []byte("draft: true"))
	} else {
		fm = append(fm, "draft: true\n"...)
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	b.Write(fm)
	b.WriteString("---\n")
	b.Write(body)
	return b.Bytes(), nil
}
