// Package search makes the search index of a site's open postings, one per
// language, that assets/search.js reads when a visitor uses the search box
// of a list page. It is made for cheap phones: a first search downloads
// the index's description, the shard of each word typed and the entries of
// the postings shown, not the whole index.
//
// The files of one language, in its folder (/<lang>/search/):
//
//	index.json   {"v":"<version>","n":<postings>,"b":<shards>,"c":<entries per chunk>}
//	w<k>.txt     shard k of the words: one line per word, "word\tids", sorted
//	e<k>.txt     chunk k of the entries: one line per posting, "slug\ttitle\tplace\tcontract"
//
// A posting's id is its place in the list (newest first): chunk id/c, line
// id%c. The ids of a word are written as the differences between
// successive ids (the first from 0), in base 36, separated by commas. A
// word is in shard shardOf(word, b): the words of a shard share no more
// than a hash of their first two UTF-16 code units, so that every word a
// query word is the beginning of ("médiat" → "mediateur") is in the query
// word's shard. The version names the whole index: the script asks for
// every other file with ?v=<version>, so that a browser's cache never mixes
// two builds.
package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Doc is one open posting, in the index's language.
type Doc struct {
	Slug     string // its page is /<lang>/<slug>/
	Title    string
	Summary  string
	Employer string
	Contract string // in words
	Place    string // the town
}

// File is a file of the index, named in its language's folder.
type File struct {
	Name string
	Data []byte
}

// Meta is index.json.
type Meta struct {
	Version string `json:"v"`
	N       int    `json:"n"` // postings
	Shards  int    `json:"b"`
	Chunk   int    `json:"c"` // entries per chunk
}

// The sizes the index is cut to, chosen by measuring what a first search
// downloads (see docs/search.md): an index whose words fit in
// shardBytes is one shard, else shards of about that size; the entries
// likewise, in chunks of about chunkBytes.
const (
	shardBytes = 8 << 10
	chunkBytes = 8 << 10
	maxShards  = 4096
)

// Index makes the files of one language's index, of docs in list order.
func Index(docs []Doc) []File {
	words := postings(docs)
	lines := make([]string, 0, len(words))
	size := 0
	for _, w := range slices.Sorted(maps.Keys(words)) {
		l := w + "\t" + encodeIDs(words[w]) + "\n"
		lines = append(lines, l)
		size += len(l)
	}
	shards := countFor(size, shardBytes, maxShards)
	shardData := make([]bytes.Buffer, shards)
	for _, l := range lines {
		w, _, _ := strings.Cut(l, "\t")
		shardData[shardOf(w, shards)].WriteString(l)
	}
	entries := make([]string, len(docs))
	size = 0
	for i, d := range docs {
		entries[i] = strings.Join([]string{field(d.Slug), field(d.Title), field(d.Place), field(d.Contract)}, "\t") + "\n"
		size += len(entries[i])
	}
	chunk := max(1, len(docs))
	if n := countFor(size, chunkBytes, len(docs)); n > 1 {
		chunk = (len(docs) + n - 1) / n
	}
	var files []File
	for k := range shardData {
		files = append(files, File{Name: "w" + strconv.Itoa(k) + ".txt", Data: shardData[k].Bytes()})
	}
	for k := 0; k*chunk < len(docs); k++ {
		part := entries[k*chunk : min(len(docs), (k+1)*chunk)]
		files = append(files, File{Name: "e" + strconv.Itoa(k) + ".txt", Data: []byte(strings.Join(part, ""))})
	}
	meta := Meta{Version: version(files), N: len(docs), Shards: shards, Chunk: chunk}
	data, err := json.Marshal(meta)
	if err != nil {
		panic(err) // a struct of strings and ints
	}
	return append([]File{{Name: "index.json", Data: append(data, '\n')}}, files...)
}

// postings are the ids of the docs each word is in, ascending.
func postings(docs []Doc) map[string][]int {
	words := map[string][]int{}
	cache := wordCache{}
	for id, d := range docs {
		for _, text := range []string{d.Title, d.Summary, d.Employer, d.Contract, d.Place} {
			for _, w := range cache.words(text) {
				if unitLen(w) < minQueryUnits {
					continue // no query looks for it (QueryWords)
				}
				if ids := words[w]; len(ids) == 0 || ids[len(ids)-1] != id {
					words[w] = append(ids, id)
				}
			}
		}
	}
	return words
}

// A wordCache gives the Words of texts, folding each run of text between
// ASCII separators once: the same runs come back in posting after
// posting, and folding (NFD) took most of the time of an index. It gives
// what Words gives: ASCII characters are left as they are by NFD, which
// reorders combining marks only, never across them, and by lower case but
// for letters, which are no separators.
type wordCache map[string][]string

func (c wordCache) words(text string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(text); i++ {
		if i < len(text) && (text[i] >= 0x80 || !separator(rune(text[i]))) {
			continue
		}
		if run := text[start:i]; run != "" {
			ws, ok := c[run]
			if !ok {
				ws = Words(run)
				c[run] = ws
			}
			out = append(out, ws...)
		}
		start = i + 1
	}
	return out
}

// countFor is how many parts of about part bytes size bytes make, at
// least 1 and at most limit.
func countFor(size, part, limit int) int {
	return max(1, min(limit, (size+part-1)/part))
}

// encodeIDs writes ascending ids as their differences, in base 36.
func encodeIDs(ids []int) string {
	var b strings.Builder
	last := 0
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(int64(id-last), 36))
		last = id
	}
	return b.String()
}

// field is a text of an entry on one line, without the tabs that
// separate the fields.
func field(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\t' || r == '\n' || r == '\r' }), " ")
}

// version is a hash of the files: the same index, the same version.
func version(files []File) string {
	h := fnv.New64a()
	for _, f := range files {
		fmt.Fprintf(h, "%s\x00%d\x00", f.Name, len(f.Data))
		h.Write(f.Data)
	}
	return strconv.FormatUint(h.Sum64(), 36)
}
