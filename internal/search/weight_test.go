package search

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// TestFirstSearchWeight measures, on a built site, what a first search
// downloads besides the script: index.json, the shard of each word and the
// entry chunks of the postings shown (gzip -9), for a one-word search of
// the first word of every tenth posting's title, cut to six letters as a
// visitor types it. It runs only when SEARCH_WEIGHT_DIR names a built
// site's folder (docs/search.md gives the numbers):
//
//	SEARCH_WEIGHT_DIR=/tmp/site/public go test -run FirstSearchWeight -v ./internal/search
func TestFirstSearchWeight(t *testing.T) {
	dir := os.Getenv("SEARCH_WEIGHT_DIR")
	if dir == "" {
		t.Skip("SEARCH_WEIGHT_DIR is not set")
	}
	for _, lang := range []string{"fr", "en"} {
		files := map[string][]byte{}
		gz := map[string]int{}
		paths, _ := filepath.Glob(filepath.Join(dir, lang, "search", "*"))
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			files[filepath.Base(p)] = data
			gz[filepath.Base(p)] = gzipped(data)
		}
		var meta Meta
		if err := jsonUnmarshal(files["index.json"], &meta); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		var weights, hits []int
		for id := 0; id < meta.N; id += 10 {
			e, err := EntryOf(files, id)
			if err != nil {
				t.Fatal(err)
			}
			w := QueryWords(e.Title)
			if len(w) == 0 {
				continue
			}
			q := string([]rune(w[0])[:min(6, len([]rune(w[0])))])
			ids, err := Search(files, q)
			if err != nil {
				t.Fatal(err)
			}
			need := map[string]bool{"index.json": true, "w" + strconv.Itoa(shardOf(q, meta.Shards)) + ".txt": true}
			for _, i := range ids[:min(20, len(ids))] {
				need["e"+strconv.Itoa(i/meta.Chunk)+".txt"] = true
			}
			n := 0
			for name := range need {
				n += gz[name]
			}
			weights, hits = append(weights, n), append(hits, len(ids))
		}
		slices.Sort(weights)
		slices.Sort(hits)
		total := 0
		for _, n := range gz {
			total += n
		}
		t.Logf("%s: %d postings, %d shards, %d entries a chunk, whole index %d bytes gzipped; one-word first search (%d words): median %d, 90th percentile %d, max %d bytes gzipped (+ search.js); hits median %d",
			lang, meta.N, meta.Shards, meta.Chunk, total, len(weights), weights[len(weights)/2], weights[len(weights)*9/10], weights[len(weights)-1], hits[len(hits)/2])
	}
}

func gzipped(data []byte) int {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	w.Write(data)
	w.Close()
	return b.Len()
}
