package indexer

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"sort"
	"strings"
)

// EvalDepth is the rank cut-off of the relevance benchmark: nDCG@10,
// recall@10, and MRR counted over the first ten hits.
const EvalDepth = 10

// Judgment is one query of the relevance benchmark
// (indexer/testdata/judgments.json): the query as a magistrate types it,
// its kind ("article", "numero", "definition", …) and graded judgments
// keyed by hit id (a provision id "{doc_id}/{anchor}" or a document id):
// 2 = the provision a magistrate wants, 1 = useful. Hits not listed count 0.
type Judgment struct {
	Query     string         `json:"query"`
	Kind      string         `json:"kind"`
	Judgments map[string]int `json:"judgments"`
}

// ReadJudgments reads a JSON list of judgments and checks it: a query, a
// kind and at least one positive grade (1 or 2) each.
func ReadJudgments(r io.Reader) ([]Judgment, error) {
	var js []Judgment
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&js); err != nil {
		return nil, fmt.Errorf("jugements : JSON invalide : %w", err)
	}
	for i, j := range js {
		if strings.TrimSpace(j.Query) == "" || j.Kind == "" {
			return nil, fmt.Errorf("jugements : entrée %d : requête ou type manquant", i+1)
		}
		pos := 0
		for id, g := range j.Judgments {
			if g < 0 || g > 2 {
				return nil, fmt.Errorf("jugements : %q : note %d pour %s (0, 1 ou 2)", j.Query, g, id)
			}
			if g > 0 {
				pos++
			}
		}
		if pos == 0 {
			return nil, fmt.Errorf("jugements : %q : aucun résultat pertinent", j.Query)
		}
	}
	return js, nil
}

// ReadJudgmentsFile reads judgments from a file.
func ReadJudgmentsFile(path string) ([]Judgment, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("jugements : %w", err)
	}
	defer f.Close()
	return ReadJudgments(f)
}

// QueryResult is the outcome of one benchmark query.
type QueryResult struct {
	Query, Kind string
	// NDCG is nDCG@10 with gain 2^grade-1.
	NDCG float64
	// RR is the reciprocal rank of the first hit with the query's best
	// grade (the provision wanted), 0 when it is not in the first ten.
	RR float64
	// Recall is the share of the judged hits (grade ≥ 1) in the first ten.
	Recall float64
	// Hits are the ids of the first ten hits.
	Hits []string
}

// EvalSummary averages the results of the queries of one kind ("" overall).
type EvalSummary struct {
	Kind                string
	Queries             int
	NDCG, MRR, Recall10 float64
}

// EvalReport is the outcome of a benchmark run.
type EvalReport struct {
	Results []QueryResult
	// Kinds are per-kind averages, in the order kinds first appear.
	Kinds   []EvalSummary
	Overall EvalSummary
}

// searcher is what Evaluate needs: *Index and *Live have it.
type searcher interface {
	Search(context.Context, Request) (*Response, error)
}

// Evaluate runs every judged query against s (first EvalDepth hits, no
// filters) and computes nDCG@10, MRR and recall@10 per query, per kind and
// overall. A query the engine refuses is an error: the benchmark holds
// valid queries only.
func Evaluate(ctx context.Context, s searcher, js []Judgment) (*EvalReport, error) {
	rep := &EvalReport{}
	for _, j := range js {
		resp, err := s.Search(ctx, Request{Query: j.Query, Limit: EvalDepth})
		if err != nil {
			return nil, fmt.Errorf("évaluation de %q : %w", j.Query, err)
		}
		ids := make([]string, 0, len(resp.Hits))
		for _, h := range resp.Hits {
			ids = append(ids, h.ID)
		}
		rep.Results = append(rep.Results, score(j, ids))
	}
	rep.summarize()
	return rep, nil
}

// score computes the metrics of one query from its ranked hit ids.
func score(j Judgment, ids []string) QueryResult {
	if len(ids) > EvalDepth {
		ids = ids[:EvalDepth]
	}
	r := QueryResult{Query: j.Query, Kind: j.Kind, Hits: ids}
	best, relevant := 0, 0
	var grades []int
	for _, g := range j.Judgments {
		if g > 0 {
			relevant++
			grades = append(grades, g)
		}
		best = max(best, g)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(grades)))
	dcg, idcg, found := 0.0, 0.0, 0
	seen := map[string]bool{}
	for i, id := range ids {
		if seen[id] {
			continue // a duplicate earns nothing
		}
		seen[id] = true
		g := j.Judgments[id]
		if g > 0 {
			found++
			dcg += gain(g) / math.Log2(float64(i+2))
		}
		if g == best && r.RR == 0 {
			r.RR = 1 / float64(i+1)
		}
	}
	for i, g := range grades {
		if i == EvalDepth {
			break
		}
		idcg += gain(g) / math.Log2(float64(i+2))
	}
	if idcg > 0 {
		r.NDCG = dcg / idcg
	}
	if relevant > 0 {
		r.Recall = float64(found) / float64(min(relevant, EvalDepth))
	}
	return r
}

func gain(grade int) float64 { return math.Exp2(float64(grade)) - 1 }

// summarize fills Kinds and Overall from Results.
func (rep *EvalReport) summarize() {
	var kinds []string
	by := map[string]*EvalSummary{}
	all := &EvalSummary{Kind: ""}
	for _, r := range rep.Results {
		s := by[r.Kind]
		if s == nil {
			s = &EvalSummary{Kind: r.Kind}
			by[r.Kind] = s
			kinds = append(kinds, r.Kind)
		}
		for _, x := range []*EvalSummary{s, all} {
			x.Queries++
			x.NDCG += r.NDCG
			x.MRR += r.RR
			x.Recall10 += r.Recall
		}
	}
	avg := func(s *EvalSummary) EvalSummary {
		if s.Queries > 0 {
			n := float64(s.Queries)
			s.NDCG, s.MRR, s.Recall10 = s.NDCG/n, s.MRR/n, s.Recall10/n
		}
		return *s
	}
	rep.Kinds = rep.Kinds[:0]
	for _, k := range kinds {
		rep.Kinds = append(rep.Kinds, avg(by[k]))
	}
	rep.Overall = avg(all)
}

// WriteTable prints the per-kind and overall figures as a text table.
func (rep *EvalReport) WriteTable(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%-14s %7s %8s %7s %9s\n", "type", "requêtes", "nDCG@10", "MRR", "rappel@10")
	for _, s := range append(slices.Clone(rep.Kinds), rep.Overall) {
		k := s.Kind
		if k == "" {
			k = "ensemble"
		}
		fmt.Fprintf(&b, "%-14s %7d %8.3f %7.3f %9.3f\n", k, s.Queries, s.NDCG, s.MRR, s.Recall10)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteWeak prints the queries whose nDCG@10 is below limit, worst first,
// with their first hits, to see what to fix.
func (rep *EvalReport) WriteWeak(w io.Writer, limit float64) error {
	rs := slices.Clone(rep.Results)
	slices.SortStableFunc(rs, func(a, b QueryResult) int { return cmpFloat(a.NDCG, b.NDCG) })
	var b strings.Builder
	for _, r := range rs {
		if r.NDCG >= limit {
			break
		}
		fmt.Fprintf(&b, "%.3f  rr %.2f  [%s] %s\n", r.NDCG, r.RR, r.Kind, r.Query)
		for i, id := range r.Hits {
			if i == 3 {
				break
			}
			fmt.Fprintf(&b, "         %d. %s\n", i+1, id)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
