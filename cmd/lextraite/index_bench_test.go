package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"lextraite/indexer"
)

// BenchmarkIndexCorpus indexes the whole real corpus as `lextraite index`
// does (load, parse, resolve citations, build the bleve index, no parse
// cache), and reports documents/s, provisions/s and MB/s of extracted text.
//
//	go test -run '^$' -bench IndexCorpus -benchtime 3x ./cmd/lextraite
func BenchmarkIndexCorpus(b *testing.B) {
	if _, err := os.Stat(corpusDir); err != nil {
		b.Skipf("corpus partagé absent (%s)", corpusDir)
	}
	var docs, provs int
	var textBytes int64
	for i := 0; i < b.N; i++ {
		idx := filepath.Join(b.TempDir(), "index")
		cfg := indexConfig{Corpus: corpusList{corpusDir}, Index: idx, Quiet: true, NoOCR: true, NoCache: true}
		sum, err := buildIndex(context.Background(), cfg, io.Discard)
		if err != nil {
			b.Fatal(err)
		}
		docs, provs = sum.stats.Documents, sum.stats.Provisions
		b.StopTimer()
		ix, err := indexer.Open(idx)
		if err != nil {
			b.Fatal(err)
		}
		textBytes = ix.Stats().TextBytes
		ix.Close()
		b.StartTimer()
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(docs)/sec, "docs/s")
	b.ReportMetric(float64(provs)/sec, "provisions/s")
	b.ReportMetric(float64(textBytes)/1e6/sec, "MB/s")
}
