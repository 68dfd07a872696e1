package indexer

import (
	"context"
	"testing"
	"time"
)

// BenchmarkSearch measures query latency over the real provisions of the
// Benin penal code and the French extract (~1,050 provisions); ms/query is
// the mean wall time of one Search, snippets and facets included.
func BenchmarkSearch(b *testing.B) {
	docs := benchDocs(b)
	_, ix := buildTest(b, docs)
	queries := []Request{
		{Query: "traite des êtres humains"},
		{Query: "225-4-1"},
		{Query: "article 499"},
		{Query: "exploitation sexuelle mineur"},
		{Query: `"traite des personnes" -mineur`},
		{Query: "esclav*"},
		{Query: "travail forcé", Jurisdiction: []string{"bj"}},
		{Query: "trafique"}, // suggestion path
		{Query: "", Kind: []string{"code"}, Sort: "date"},
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	n := 0
	for b.Loop() {
		if _, err := ix.Search(ctx, queries[n%len(queries)]); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(n), "ms/query")
}

// BenchmarkBuild measures a full Build (bleve + store + fsync) of the same
// documents.
func BenchmarkBuild(b *testing.B) {
	docs := benchDocs(b)
	var bytes int64
	for _, d := range docs {
		for _, p := range d.Provisions {
			bytes += int64(len(p.Text))
		}
		bytes += int64(len(d.Preamble))
	}
	b.SetBytes(bytes)
	for b.Loop() {
		if err := Build(context.Background(), b.TempDir(), docs, Stats{}, nil); err != nil {
			b.Fatal(err)
		}
	}
}
