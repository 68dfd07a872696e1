package corpus

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// draftCitations, when set, reads "file<TAB>context" lines and writes a
// draft of labelled rows (what the extractor and resolver say) to stdout,
// for a human to check before adding them to testdata/citations/labelled.tsv.
var draftCitations = flag.String("draft-citations", "", "fichier file<TAB>contexte : imprimer un brouillon de lignes étiquetées")

// labelledRow is one line of testdata/citations/labelled.tsv:
// file, context, citation text, kind, target.
//
//   - file is the corpus path the context is copied from, or "-" for a
//     constructed reference (a citation string alone, for forms the corpus
//     lacks);
//   - context is an exact copy of a sentence of that file (for a JSON file,
//     of one of its strings); every citation in it is listed, one row each,
//     so that anything else the extractor finds there is a false positive;
//     a context with no citation has one row with text "-";
//   - target is the provision or document id the citation must resolve to,
//     or "-" when it must stay unresolved.
type labelledRow struct {
	line                              int
	file, context, text, kind, target string
}

func readLabelled(t *testing.T, name string) []labelledRow {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata/citations", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []labelledRow
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 5 {
			t.Fatalf("%s:%d : %d colonnes, attendu 5", name, n, len(c))
		}
		rows = append(rows, labelledRow{n, c[0], c[1], c[2], c[3], c[4]})
	}
	return rows
}

// fileStrings returns the texts a context may be copied from: the file's
// text, or for JSON every string value in it.
func fileStrings(t *testing.T, rel string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(corpusRoot, rel))
	if err != nil {
		t.Fatalf("%s : %v", rel, err)
	}
	if !strings.HasSuffix(rel, ".json") {
		return []string{decodeText(b)}
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			out = append(out, x)
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return out
}

// citingContext finds the document and provision a context comes from
// (spaces normalised: the loaders reflow paragraphs).
func citingContext(rep *Report, file, context string) (*Document, *Provision) {
	// without any space: the Swiss sources glue an alinéa's number to the
	// sentence before it ("amende.2 La personne"), the provision text does not
	norm := func(s string) string {
		return strings.Join(strings.Fields(strings.NewReplacer("\u00a0", " ", "*", "").Replace(s)), "")
	}
	ctx := norm(context)
	if len(ctx) > 80 {
		ctx = ctx[:80]
		for !utf8.ValidString(ctx) {
			ctx = ctx[:len(ctx)-1]
		}
	}
	var fallback *Document
	for _, d := range rep.Documents {
		if d.Source != file && !strings.HasPrefix(file, d.Source+"/") {
			continue
		}
		for i := range d.Provisions {
			p := &d.Provisions[i]
			if strings.Contains(norm(p.Text), ctx) || p.Source == file && d.Source != file {
				return d, p
			}
		}
		if strings.Contains(norm(d.Preamble), ctx) {
			return d, nil
		}
		if fallback == nil || d.Language == "fr" {
			fallback = d
		}
	}
	return fallback, nil
}

type prCount struct{ tp, fp, fn, targetOK, targetN int }

func TestCitationsLabelled(t *testing.T) {
	rep, rv := resolvedCorpus(t)
	if *draftCitations != "" {
		writeDraft(t, rep, rv, *draftCitations)
		return
	}
	checkLabelledSet(t, "labelled.tsv", setFloors{150, 0.95, 0.90, 0.90})
}

// setFloors are what a labelled set of citations must have: at least n
// labelled citations, and at least these precision, recall and share of
// correct resolutions (exact text and form, see scoreCitations).
type setFloors struct {
	n              int
	prec, rec, res float64
}

// checkLabelledSet scores the extractor and resolver on
// testdata/citations/name, logs the figures and fails under f.
func checkLabelledSet(t *testing.T, name string, f setFloors) {
	t.Helper()
	rep, rv := resolvedCorpus(t)
	all, expected := scoreCitations(t, rep, rv, name)
	if expected < f.n {
		t.Errorf("%s : %d citations étiquetées, il en faut au moins %d", name, expected, f.n)
	}
	prec := float64(all.tp) / float64(max(1, all.tp+all.fp))
	rec := float64(all.tp) / float64(max(1, all.tp+all.fn))
	res := float64(all.targetOK) / float64(max(1, all.targetN))
	t.Logf("%s (%d étiquetées) : précision %.3f, rappel %.3f, résolution correcte %.3f", name, expected, prec, rec, res)
	if prec < f.prec || rec < f.rec {
		t.Errorf("%s : précision %.3f (min %.2f), rappel %.3f (min %.2f)", name, prec, f.prec, rec, f.rec)
	}
	if res < f.res {
		t.Errorf("%s : résolution correcte %.3f (min %.2f)", name, res, f.res)
	}
}

// scoreCitations scores the extractor and resolver on
// testdata/citations/name (format of labelledRow), logging every error and
// the table of precision, recall and resolution per form; it returns the
// totals and the number of labelled citations.
func scoreCitations(t *testing.T, rep *Report, rv *resolver, name string) (prCount, int) {
	rows := readLabelled(t, name)
	type group struct {
		file, context string
		rows          []labelledRow
	}
	var groups []*group
	index := map[string]*group{}
	for _, r := range rows {
		k := r.file + "\x00" + r.context
		g := index[k]
		if g == nil {
			g = &group{file: r.file, context: r.context}
			index[k] = g
			groups = append(groups, g)
		}
		g.rows = append(g.rows, r)
	}
	strs := map[string][]string{}
	perForm := map[string]*prCount{}
	form := func(k string) *prCount {
		if perForm[k] == nil {
			perForm[k] = &prCount{}
		}
		return perForm[k]
	}
	expected := 0
	for _, g := range groups {
		lang := "fr"
		// a constructed reference is resolved as if a French decision cited it
		d := &Document{ID: "constructed", WorkID: "constructed", Kind: KindDecision, Language: "fr", Jurisdiction: "fr"}
		var p *Provision
		if g.file != "-" {
			if strs[g.file] == nil {
				strs[g.file] = fileStrings(t, g.file)
			}
			found := false
			for _, s := range strs[g.file] {
				if strings.Contains(s, g.context) {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("%s:%d : le contexte n'est pas dans %s : %q", name, g.rows[0].line, g.file, g.context)
				continue
			}
			d, p = citingContext(rep, g.file, g.context)
			if d == nil {
				t.Errorf("%s:%d : aucun document pour %s", name, g.rows[0].line, g.file)
				continue
			}
			lang = d.Language
			if p != nil && p.Language != "" {
				lang = p.Language
			}
		}
		got := ExtractCitations(g.context, lang)
		want := map[string][]labelledRow{}
		for _, r := range g.rows {
			if r.text == "-" {
				continue
			}
			if !strings.Contains(g.context, r.text) {
				t.Errorf("%s:%d : %q n'est pas dans le contexte", name, r.line, r.text)
			}
			want[r.text] = append(want[r.text], r)
			expected++
		}
		var last lastInstr
		for i := range got {
			c := &got[i]
			if d != nil {
				rv.resolve(d, p, c, lang, &last)
			}
			ws := want[c.Text]
			if len(ws) == 0 {
				form(c.Kind).fp++
				t.Logf("faux positif (%s) %s : %q dans %q", c.Kind, g.file, c.Text, g.context)
				continue
			}
			r := ws[0]
			want[c.Text] = ws[1:]
			if r.kind != c.Kind {
				form(r.kind).fn++
				form(c.Kind).fp++
				t.Logf("%s:%d : %q de forme %s, attendu %s", name, r.line, c.Text, c.Kind, r.kind)
				continue
			}
			form(r.kind).tp++
			if r.target != "?" {
				form(r.kind).targetN++
				tg := c.Target
				if tg == "" {
					tg = "-"
				}
				if tg == r.target {
					form(r.kind).targetOK++
				} else {
					t.Logf("%s:%d : %q résolue en %s, attendu %s (libellé %q)", name, r.line, c.Text, tg, r.target, c.Label)
				}
			}
		}
		for _, ws := range want {
			for _, r := range ws {
				form(r.kind).fn++
				t.Logf("%s:%d : %q (%s) non trouvée", name, r.line, r.text, r.kind)
			}
		}
	}
	var kinds []string
	for k := range perForm {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var all prCount
	t.Logf("%-11s %5s %5s %5s %9s %7s %10s", "forme", "VP", "FP", "FN", "précision", "rappel", "résolution")
	for _, k := range kinds {
		c := perForm[k]
		all.tp += c.tp
		all.fp += c.fp
		all.fn += c.fn
		all.targetOK += c.targetOK
		all.targetN += c.targetN
		t.Logf("%-11s %5d %5d %5d %9s %7s %10s", k, c.tp, c.fp, c.fn, ratio(c.tp, c.tp+c.fp), ratio(c.tp, c.tp+c.fn), ratio(c.targetOK, c.targetN))
	}
	t.Logf("%-11s %5d %5d %5d %9s %7s %10s", "TOTAL", all.tp, all.fp, all.fn, ratio(all.tp, all.tp+all.fp), ratio(all.tp, all.tp+all.fn), ratio(all.targetOK, all.targetN))
	return all, expected
}

func ratio(a, b int) string {
	if b == 0 {
		return "—"
	}
	return fmt.Sprintf("%.3f", float64(a)/float64(b))
}

// writeDraft prints labelled rows as the extractor and resolver see them.
func writeDraft(t *testing.T, rep *Report, rv *resolver, path string) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		file, context, _ := strings.Cut(line, "\t")
		lang := "fr"
		d, p := citingContext(rep, file, context)
		if d != nil {
			lang = d.Language
		}
		got := ExtractCitations(context, lang)
		if len(got) == 0 {
			fmt.Printf("%s\t%s\t-\t-\t-\n", file, context)
		}
		var last lastInstr
		for i := range got {
			c := &got[i]
			if d != nil {
				rv.resolve(d, p, c, lang, &last)
			}
			tg := c.Target
			if tg == "" {
				tg = "-"
			}
			fmt.Printf("%s\t%s\t%s\t%s\t%s\n", file, context, c.Text, c.Kind, tg)
		}
	}
}

func TestExtractCitationsForms(t *testing.T) {
	cases := []struct {
		text string
		want []string // "kind:text"
	}{
		{"conformément à l’art. 5 du présent Protocole", []string{"renvoi:art. 5 du présent Protocole"}},
		{"à l’al. a) du par. 1 de l’art. 6 du présent Protocole", []string{"renvoi:al. a) du par. 1 de l’art. 6 du présent Protocole"}},
		{"les articles 131-30 à 131-30-2 du code pénal", []string{"article:articles 131-30 à 131-30-2 du code pénal"}},
		{"loi n° 2012-023 du 12 juillet 2012", []string{"loi:loi n° 2012-023 du 12 juillet 2012"}},
		{"LOI N°2012-023 DU 12 JUILLET 2012 RELATIVE", []string{"loi:LOI N°2012-023 DU 12 JUILLET 2012"}},
		{"loi n ° 029‑2008/AN", []string{"loi:loi n ° 029‑2008/AN"}},
		{"décret nº 2011–036/P-RM", []string{"decret:décret nº 2011–036/P-RM"}},
		{"Cass. crim., 12 mars 2013, n° 12-84.155", []string{"decision:Cass. crim., 12 mars 2013, n° 12-84.155"}},
		{"ECLI:FR:CCASS:2020:CO00740.", []string{"ecli:ECLI:FR:CCASS:2020:CO00740"}},
		{"paragraph 1 (a) of this article", []string{"renvoi:paragraph 1 (a) of this article"}},
		{"Article 3 bis et article 224-1 A", []string{"article:Article 3 bis et article 224-1 A"}},
		// constructed citation strings for the forms of the held-out error classes
		{"l'article 6 de la Convention de sauvegarde des droits de <em>l'homme</em> et des libertés fondamentales", []string{"article:article 6 de la Convention de sauvegarde des droits de <em>l'homme</em> et des libertés fondamentales"}},
		{"art. 12 al. 2 CP", []string{"article:art. 12 al. 2 CP"}},
		{"art. 3, al. 1, ou 4, al. 2, de la loi fédérale du 5 oct. 1990", []string{"article:art. 3, al. 1, ou 4, al. 2, de la loi fédérale du 5 oct. 1990"}},
		{"LF du 1er janv. 2000", []string{"loi:LF du 1er janv. 2000"}},
		{"L.R. (1985), ch. 2 (2^e^ suppl.), art. 4, ch. 7, art. 9; 1999, ch. 3, art. 1(F)", []string{"article:L.R. (1985), ch. 2 (2^e^ suppl.), art. 4", "article:ch. 7, art. 9", "article:1999, ch. 3, art. 1(F)"}},
		{"l'article 2, devenu 5, du code civil", []string{"article:article 2", "article:5, du code civil"}},
		{"les articles 2 du code civil et 7 du code pénal", []string{"article:articles 2 du code civil", "article:7 du code pénal"}},
		{"selon l'article 4 de la Convention de Genève du 12 août 1949 et la Charte", []string{"article:article 4 de la Convention de Genève du 12 août 1949"}},
		{"la Déclaration universelle des droits de l'homme prévoit", []string{"traite:Déclaration universelle des droits de l'homme"}},
		{"the International Covenant on Civil and Political Rights and the", []string{"traite:International Covenant on Civil and Political Rights"}},
		{"une convention internationale, la déclaration de culpabilité, le statut de réfugié, la Traite des Blanches", nil},
		{"Aux fins du présent Protocole: a) l’expression", nil},
		{"partie 3 et articulation", nil},
		// constructed citation strings for the forms of heldout4's error classes
		{"PARAGRAPHE 8 : DES INFRACTIONS DIVERSES", nil},
		{"la peine peut être atténuée (art. 12a).", []string{"article:art. 12a"}},
		{"Schengen (art.\u00a099b).", []string{"article:art.\u00a099b"}},
		{"contraire à l'article 4, à l'article 6 et à l'article 17 de la Déclaration des droits de l'homme", []string{"article:article 4", "article:article 6", "article:article 17 de la Déclaration des droits de l'homme"}},
		{"a violé les articles 5 1.c de la Convention européenne des droits de l'homme", []string{"article:articles 5 1.c de la Convention européenne des droits de l'homme"}},
		{"devenu R. 123-4, du code de l'urbanisme ;", []string{"article:R. 123-4, du code de l'urbanisme"}},
		{"relative au mandat d'arrêt européen, 6, 8 et 14 de la Convention européenne des droits de l'homme", []string{"article:6, 8 et 14 de la Convention européenne des droits de l'homme"}},
		{"une infraction aux termes de l’alinéa 12b) ou f);", []string{"article:alinéa 12b) ou f)"}},
		{"du paragraphe 2 (a) de l'article 9 présent Traité.", []string{"renvoi:paragraphe 2 (a) de l'article 9 présent Traité"}},
		{"selon l’art. 3 ch. 1 de l’AF du 1er janv. 2000 (Prot. facultatif du 2 févr. 2000 se rapportant à la Conv. relative aux droits de l’enfant)", []string{"article:art. 3 ch. 1 de l’AF du 1er janv. 2000", "traite:Prot. facultatif du 2 févr. 2000"}},
		{"articles 1 et 2 du code des douanes communautaire, la dette", []string{"article:articles 1 et 2 du code des douanes communautaire"}},
		// constructed citation strings for the forms of heldout2's error classes
		{"visé à l’alinéa 12b.1) ou au paragraphe 7(2.1) de la Loi", []string{"article:alinéa 12b.1)", "article:paragraphe 7(2.1) de la Loi"}},
		{"aux sous-alinéas 3(1)a)(ii) à (iv) et au paragraphe (4.1)", []string{"article:sous-alinéas 3(1)a)(ii) à (iv)", "renvoi:paragraphe (4.1)"}},
		{"du sous-alinéa (2)b)(ii) ou de l’alinéa (1)c)", []string{"renvoi:sous-alinéa (2)b)(ii)", "renvoi:alinéa (1)c)"}},
		{"under subsection 12(3) of the Act", []string{"article:subsection 12(3) of the Act"}},
		{"au paragraphe 12(3) de la *Loi sur la défense nationale* et", []string{"article:paragraphe 12(3) de la *Loi sur la défense nationale*"}},
		{"(art. 10, al. 2, ch. 3, 11, al. 1, et 12 LP)", []string{"article:art. 10, al. 2, ch. 3, 11, al. 1, et 12 LP"}},
		{"art. 7, al. 1, ch. 2, LTF", []string{"article:art. 7, al. 1, ch. 2, LTF"}},
		{"art. 187, ch. 1 et 1bis, et 190", []string{"article:art. 187, ch. 1 et 1bis, et 190"}},
		{"art. 735c, ch. 1, 5 et 6, CO", []string{"article:art. 735c, ch. 1, 5 et 6, CO"}},
		{"(art. 40 ancien)", []string{"article:art. 40 ancien"}},
		{"art. 4 de la loi 3 mars 1999 sur", []string{"article:art. 4 de la loi 3 mars 1999"}},
		{"l’article 2 du Protocole n° 4 à la Convention européenne des droits de l’homme", []string{"article:article 2 du Protocole n° 4 à la Convention européenne des droits de l’homme"}},
		{"l’alinéa 5 du préambule de la Constitution du 27 octobre 1946", []string{"article:alinéa 5 du préambule de la Constitution du 27 octobre 1946"}},
		{"et 12 du code pénal ;", []string{"article:12 du code pénal"}},
		{"et 12 de la Convention ;", nil},
		{"les années 2010 et 2012 du code", nil},
		// constructed citation strings for the forms of heldout3's error
		// classes: an elided "d’" is no letter point, an instrument's date
		// belongs to it, glued "lesarticles", a Canadian chapter code cut
		// from its statute, EU acts, a list's bare items after a comma
		{"l’art. 4, al. 1 et 2, d’une loi", []string{"article:art. 4, al. 1 et 2"}},
		{"au point d’entrée", nil},
		{"au sens de la let. d’un texte", nil},
		{"selon l’art. 3, let. d, de la loi", []string{"article:art. 3, let. d"}},
		{"l'article 5 de la Constitution du 4 octobre 1958,", []string{"article:article 5 de la Constitution du 4 octobre 1958"}},
		{"ensemble lesarticles 2 et 3 du code civil", []string{"article:articles 2 et 3 du code civil"}},
		{"desarticles 2 et 3", []string{"article:articles 2 et 3"}},
		{"C-46, art. 12; 2001, ch. 3, art. 4", []string{"article:C-46, art. 12", "article:2001, ch. 3, art. 4"}},
		{"à l’art. 5, par. 2, de la décision 2001/123/JAI.", []string{"article:art. 5, par. 2, de la décision 2001/123/JAI"}},
		{"l’art. 7 du règlement (UE) n° 2020/123 et", []string{"article:art. 7 du règlement (UE) n° 2020/123"}},
		{"l’article 2 de la directive 2010/12/UE du 5 avril 2010", []string{"article:article 2 de la directive 2010/12/UE du 5 avril 2010"}},
		{"le litige, 12 du code civil et 3 § 1 de la loi n° 2001-12", []string{"article:12 du code civil", "article:3 § 1 de la loi n° 2001-12"}},
		{"une somme de 1 500, 12 du code civil", []string{"code:code civil"}},
		{"le 3 mars 2010, 2010 du code civil", []string{"code:code civil"}},
		{"bedoeld in artikel 8, derde lid, onderdeel b, van dit Verdrag", []string{"renvoi:artikel 8, derde lid, onderdeel b, van dit Verdrag"}},
		{"artikel 4 lid 2, sub a, van dit Protocol", []string{"renvoi:artikel 4 lid 2, sub a, van dit Protocol"}},
		{"under paragraph 2 a), c) (ii) and d) of this article", []string{"renvoi:paragraph 2 a), c) (ii) and d) of this article"}},
		// constructed citation strings for the forms of heldout5's and
		// heldout6's error classes
		{"prévues à l’article 16 ci-après.", []string{"renvoi:article 16 ci-après"}},
		{"des articles 706-73 et suivants du code de procédure pénale", []string{"article:articles 706-73 et suivants du code de procédure pénale"}},
		{"des articles L.640-1 et s. du code de commerce", []string{"article:articles L.640-1 et s. du code de commerce"}},
		{"préliminaire, 17 et suivants, 20 du code de procédure pénale", []string{"article:17 et suivants, 20 du code de procédure pénale"}},
		{"dernier alinéa, 64 et suivants du code de procédure pénale", []string{"article:64 et suivants du code de procédure pénale"}},
		{"préliminaire du code de procédure pénale et", nil},
		{"des articles 6, §.1er et 8 de la Convention européenne des droits de l'homme", []string{"article:articles 6, §.1er et 8 de la Convention européenne des droits de l'homme"}},
		{"au paragraphe 1.c) du présent article", []string{"renvoi:paragraphe 1.c) du présent article"}},
		{"à l’al. a i) du par. 1 du présent article", []string{"renvoi:al. a i) du par. 1 du présent article"}},
		{"à l’art. 30bis, ch. 1bis, qui", []string{"article:art. 30bis, ch. 1bis"}},
		{"aux articles 3, 4 (paragraphe 1) et 7.", []string{"article:articles 3, 4 (paragraphe 1) et 7"}},
		{"in artikel 18, vijftiende lid, omschreven", []string{"article:artikel 18, vijftiende lid"}},
		{"de artikelen 12 of 13, eerste lid, van dit Verdrag", []string{"renvoi:artikelen 12 of 13, eerste lid, van dit Verdrag"}},
		{"artt. 1 en 2", []string{"article:artt. 1 en 2"}},
		{"l’art. 5, al. 1, 1er paragraphe, de la loi fédérale du 1er janv. 2000", []string{"article:art. 5, al. 1, 1er paragraphe, de la loi fédérale du 1er janv. 2000"}},
		{"à l'article 9 paragraphe", []string{"article:article 9"}},
		{"à l’article38 du présent code", []string{"renvoi:article38 du présent code"}},
		{"l'article 1 du 1 e r protocole additionnel à la Convention européenne des droits de <em>l'homme</em>", []string{"article:article 1 du 1 e r protocole additionnel à la Convention européenne des droits de <em>l'homme</em>"}},
		{"l'article 2 du protocole additionnel n°4 de la Convention européenne des droits de l'homme", []string{"article:article 2 du protocole additionnel n°4 de la Convention européenne des droits de l'homme"}},
		{"l'article 4 de la déclaration des droits de <em>l'homme</em>", []string{"article:article 4 de la déclaration des droits de <em>l'homme</em>"}},
		{"et 13, devenu 14, du code civil", []string{"article:13", "article:14, du code civil"}},
		{"des articles 2 du code de procédure pénale et 13, devenu 14, du code civil", []string{"article:articles 2 du code de procédure pénale", "article:13", "article:14, du code civil"}},
		{"civil, devenu 12 de ce code, et", []string{"renvoi:12 de ce code"}},
		{"ou à l’article 23 de cette loi", []string{"renvoi:article 23 de cette loi"}},
		{"the Convention for the Protection of Human Rights and Fundamental Freedoms (1950) and", []string{"traite:Convention for the Protection of Human Rights and Fundamental Freedoms (1950)"}},
		{"arrêt attaqué (RG 15/01183) et", []string{"decision:RG 15/01183"}},
		{"la loi 2005-06 du 10 mai 2005", []string{"loi:loi 2005-06 du 10 mai 2005"}},
		{"d’une peine pécuniaire.Intitulé synthétique\u00a0Art. 12", nil},
		{"conformément à l’Art. 12", []string{"article:Art. 12"}},
		// constructed citation strings for the forms of heldout7's error
		// classes
		{"L'ARTICLE 9 NOUVEAU DU TRAITE DE LA CEDEAO TEL", []string{"article:ARTICLE 9 NOUVEAU DU TRAITE DE LA CEDEAO"}},
		{"et du citoyen de 1789 et 6 § 1 de la Convention européenne de sauvegarde des droits de <em>l'Homme</em> et", []string{"article:6 § 1 de la Convention européenne de sauvegarde des droits de <em>l'Homme</em>"}},
		{"le 3 mars 2010, 2010 § 1 du code civil", []string{"code:code civil"}},
		{"et R. 17 du code de procédure pénale, ensemble", []string{"article:R. 17 du code de procédure pénale"}},
		{"les dispositions du Traité sur le fonctionnement de l'Union européenne relatives à la <em>libre</em>", []string{"traite:Traité sur le fonctionnement de l'Union européenne"}},
		{"garanti par le protocole n° 1 à la Convention européenne des droits de <em>l'homme</em>", []string{"traite:protocole n° 1 à la Convention européenne des droits de <em>l'homme</em>"}},
		{"la législation nationale.5ter…Art.\u00a012", nil},
		{"ensemble l'article 6 § de la Convention européenne des droits de <em>l'homme</em>", []string{"article:article 6 § de la Convention européenne des droits de <em>l'homme</em>"}},
		{"la Convention sur les privilèges et immunités de l'Organisation de l'Unité", []string{"traite:Convention sur les privilèges et immunités de l'Organisation de l'Unité"}},
		{"la Convention sur les réfugiés et dispose que", []string{"traite:Convention sur les réfugiés"}},
		{"aux termes du Traité de la CEDEAO de 1975 et", []string{"traite:Traité de la CEDEAO de 1975"}},
		// constructed citation strings for the forms of heldout8's error
		// classes
		{"les personnes bedoeld in het eerste lid van dit artikel", []string{"renvoi:eerste lid van dit artikel"}},
		{"vervat in artikel 12, eerste en tweede lid.", []string{"article:artikel 12, eerste en tweede lid"}},
		{"les articles préliminaire du code de procédure pénale et", []string{"article:articles préliminaire du code de procédure pénale"}},
		{"(art. 12, al. 2, let. b, bbis et c), de", []string{"article:art. 12, al. 2, let. b, bbis et c"}},
		{"l’art. 3 de la Convention de Vienne du 24 avril 1963 sur les relations consulaires", []string{"article:art. 3 de la Convention de Vienne du 24 avril 1963"}},
		{"selon l’annexe ch. 2 de la L du 18\u00a0déc.\u00a02020 sur", []string{"loi:L du 18\u00a0déc.\u00a02020"}},
		{"L du code", nil},
		{"— 2013, ch. 16, art. 3, modifié par 2013, ch. 16, al. 36(7)b)", []string{"article:2013, ch. 16, art. 3", "article:2013, ch. 16, al. 36(7)b)"}},
		// constructed citation strings for the forms of heldout9's and
		// heldout10's error classes
		{"visées aux paragraphes 26(3) ou 27.1(2) ou (3) dans", []string{"article:paragraphes 26(3) ou 27.1(2) ou (3)"}},
		{"du *Code criminel*, chapitre C-34 des Statuts révisés du Canada de 1970, dans", []string{"code:*Code criminel*, chapitre C-34 des Statuts révisés du Canada de 1970"}},
		{"La partie XXI.1 du *Code criminel*, dans sa version", []string{"code:*Code criminel*"}},
		{"en vertu des art. 9 et 10.3\u00a0Les al. 1, let. a, c et d, et 2 sont", []string{"article:art. 9 et 10", "renvoi:al. 1, let. a, c et d, et 2"}},
		{"de l’art. 4, al. 1, dès que", []string{"article:art. 4, al. 1"}},
		{"(art. 26c à 26h).", []string{"article:art. 26c à 26h"}},
		{"selon les art. 4 ou 5, ch. 1, al. 2, de l’ancien droit remplissent", []string{"article:art. 4 ou 5, ch. 1, al. 2, de l’ancien droit"}},
		{"le CPP du 5\u00a0oct.\u00a02007 et", []string{"code:CPP du 5\u00a0oct.\u00a02007"}},
		{"du code de procédure pénale et 5, 1, f) de la Convention européenne des droits de l'homme", []string{"code:code de procédure pénale", "article:5, 1, f) de la Convention européenne des droits de l'homme"}},
		{"as defined in the Slavery Convention of 1926, the", []string{"traite:Slavery Convention of 1926"}},
		{"L'article 6 de ce chapitre, qui", []string{"renvoi:article 6 de ce chapitre"}},
		{"du code des procédures civiles d'exécution", []string{"code:code des procédures civiles d'exécution"}},
		{"van artikel 35 van het Statuut van de Internationale Arbeidsorganisatie, moet", []string{"article:artikel 35 van het Statuut van de Internationale Arbeidsorganisatie"}},
		{"Art. 1871.Quiconque commet", nil},
		// constructed citation strings for the forms of heldout11's and
		// heldout12's error classes
		{"selon l’AF du 27\u00a0sept.\u00a02013 portant", []string{"decret:AF du 27\u00a0sept.\u00a02013"}},
		{"de l’art. 2, al. 2, de l’O du 7 oct. 2015 sur", []string{"article:art. 2, al. 2, de l’O du 7 oct. 2015"}},
		{"O du code", nil},
		{"de artikelen 18 tot en met 21 omschreven", []string{"article:artikelen 18 tot en met 21"}},
		{"artikel 6, eerste lid, onderdeel a, i of ii, of onderdeel b, i, van dit Verdrag", []string{"renvoi:artikel 6, eerste lid, onderdeel a, i of ii, of onderdeel b, i, van dit Verdrag"}},
		{"artikel 10 van het Verdrag tot bescherming van de rechten van de mens en de fundamentele vrijheden", []string{"article:artikel 10 van het Verdrag tot bescherming van de rechten van de mens en de fundamentele vrijheden"}},
		{"(art. 13, al. 1, 2e phrase)", []string{"article:art. 13, al. 1, 2e phrase"}},
		{"au sens de l’art. 6, al. 1bis, est", []string{"article:art. 6, al. 1bis"}},
		{"droits de l'enfant de 1989, 2 du premier protocole additionnel à la Convention européenne des droits de <em>l'homme</em>", []string{"article:2 du premier protocole additionnel à la Convention européenne des droits de <em>l'homme</em>"}},
		{"sera puni de cinq ans. (Article 12)", nil},
		{"prévue par l'article 12 (article 13)", []string{"article:article 12", "article:article 13"}},
	}
	for _, c := range cases {
		var got []string
		for _, x := range ExtractCitations(c.text, "fr") {
			got = append(got, x.Kind+":"+x.Text)
			if c.text[x.Start:x.End] != x.Text {
				t.Errorf("%q : décalage %d:%d", c.text, x.Start, x.End)
			}
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("ExtractCitations(%q) = %q, attendu %q", c.text, got, c.want)
		}
	}
}

// TestSwissChiffres: the chiffres of a Swiss list are parts, not articles
// (constructed citation strings).
func TestSwissChiffres(t *testing.T) {
	for text, want := range map[string]string{
		"art. 187, ch. 1 et 1bis, et 190":                      "187|190",
		"art. 735c, ch. 1, 5 et 6, CO":                         "735c",
		"art. 91, al. 1, ch. 1, 163, al. 2, et 341, al. 1, LP": "91|163|341",
		"art. 156, ch. 2 à 4":                                  "156",
	} {
		cs := ExtractCitations(text, "fr")
		if len(cs) != 1 || strings.Join(cs[0].ref.arts, "|") != want {
			var got []string
			for _, c := range cs {
				got = append(got, c.Text+" "+strings.Join(c.ref.arts, "|"))
			}
			t.Errorf("%q : %q, attendu les articles %s", text, got, want)
		}
	}
}

// TestCanadianSectionLists: every section of a Canadian list of
// subsections is a target (constructed citation strings).
func TestCanadianSectionLists(t *testing.T) {
	for text, want := range map[string]string{
		"aux paragraphes 26(3) ou 27.1(2) ou (3) dans":    "26|27.1",
		"paragraphes 20(1), 20.1(1) ou 20.4(1) de la Loi": "20|20.1|20.4",
		"paragraphe 12(3) de la Loi":                      "12",
	} {
		cs := ExtractCitations(text, "fr")
		if len(cs) != 1 || strings.Join(cs[0].ref.arts, "|") != want {
			var got []string
			for _, c := range cs {
				got = append(got, c.Text+" "+strings.Join(c.ref.arts, "|"))
			}
			t.Errorf("%q : %q, attendu les articles %s", text, got, want)
		}
	}
}

func TestCiteLang(t *testing.T) {
	for _, c := range []struct{ text, lang, want string }{
		{"artikel 31 van het Verdrag", "en", "nl"},
		{"article 5 of this Convention", "fr", "en"},
		{"article 5 de la Convention", "nl", "nl"},
		{"art. 5", "fr", "fr"},
	} {
		if got := citeLang(c.text, c.lang); got != c.want {
			t.Errorf("citeLang(%q, %q) = %q, attendu %q", c.text, c.lang, got, c.want)
		}
	}
}

func TestArticleKeyLatin(t *testing.T) {
	for _, c := range [][2]string{{"322bis", "322 bis"}, {"3 bis", "3bis"}, {"260 quinquies", "260quinquies"}, {"L. 80 ter", "L80ter"}} {
		if articleKey(c[0]) != articleKey(c[1]) {
			t.Errorf("articleKey(%q) = %q ≠ articleKey(%q) = %q", c[0], articleKey(c[0]), c[1], articleKey(c[1]))
		}
	}
}

func TestResolveExamples(t *testing.T) {
	rep := realCorpus(t)
	start := time.Now()
	Resolve(rep.Documents, DefaultCatalog())
	took := time.Since(start)
	n := 0
	for _, d := range rep.Documents {
		n += len(d.Citations)
		for _, p := range d.Provisions {
			n += len(p.Citations)
		}
	}
	// the speed is measured by BenchmarkResolve (this test may run under -race)
	t.Logf("Resolve : %d documents, %d citations en %s", len(rep.Documents), n, took)
	find := func(docID, anchor, text string) *Citation {
		for _, d := range rep.Documents {
			if d.ID != docID {
				continue
			}
			for i := range d.Provisions {
				p := &d.Provisions[i]
				if p.Anchor != anchor {
					continue
				}
				for j := range p.Citations {
					if strings.Join(strings.Fields(p.Citations[j].Text), " ") == text {
						return &p.Citations[j]
					}
				}
				t.Errorf("%s/%s : pas de citation %q parmi %v", docID, anchor, text, p.Citations)
				return nil
			}
		}
		t.Errorf("pas de disposition %s/%s", docID, anchor)
		return nil
	}
	for _, c := range []struct{ doc, anchor, text, target string }{
		{"un-protocole-traite-2000-fr", "art-1", "art. 5 du présent Protocole", "un-protocole-traite-2000-fr/art-5"},
		{"un-protocole-traite-2000-en", "art-1", "article 5 of this Protocol", "un-protocole-traite-2000-en/art-5"},
		{"un-protocole-traite-2000-fr", "art-11", "art. 27 de la Convention", "un-convention-criminalite-organisee-2000-fr/art-27"},
		{"fr-code-penal-traite-des-etres-humains", "art-225-4-2", "I de l'article 225-4-1", "fr-code-penal-traite-des-etres-humains/art-225-4-1"},
		{"fr-ceseda-aide-entree-sejour-irreguliers", "art-l622-1", "article L. 622-4", "fr-ceseda-aide-entree-sejour-irreguliers/art-l622-4"},
		{"fr-ceseda-aide-entree-sejour-irreguliers", "art-l622-3", "article 131-27 du code pénal", ""},
		{"ch-code-penal", "art-28", "art. 322bis", "ch-code-penal/art-322bis"},
		// "la Loi" is the LIPR itself, not when its title goes on
		{"ca-lipr", "art-105", "article 15 de la Loi", ""},
		{"ca-lipr", "art-40", "article 8 de la Loi", ""},
		{"ca-code-criminel", "art-515", "articles 5 à 7 de la Loi", ""},
		// "du Traité" unnamed inside a treaty is that treaty, even before
		// a participle ("du Traité définissant le Fonds")
		{"ecowas-traite-revise-cedeao-1993-fr", "art-93", "article 1 du Traité", "ecowas-traite-revise-cedeao-1993-fr/art-1"},
		{"un-protocole-trafic-migrants-2000-nl", "art-15", "artikel 31 van het Verdrag", "un-convention-criminalite-organisee-2000-nl/art-31"},
	} {
		if got := find(c.doc, c.anchor, c.text); got != nil && got.Target != c.target {
			t.Errorf("%s/%s %q → %q (%s), attendu %q", c.doc, c.anchor, c.text, got.Target, got.Label, c.target)
		}
	}
}

// BenchmarkResolve measures Resolve on the whole real corpus (≈1 000
// documents, ≈4 300 provisions): go test -run XXX -bench Resolve ./corpus/
func BenchmarkResolve(b *testing.B) {
	if _, err := os.Stat(corpusRoot); err != nil {
		b.Skip("corpus partagé absent")
	}
	rep, err := LoadDir(corpusRoot, Options{Overlays: []fs.FS{DefaultOverlay()}})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		Resolve(rep.Documents, DefaultCatalog())
	}
}

func FuzzExtractCitations(f *testing.F) {
	for _, s := range []string{
		"article 5 du présent Protocole", "al. a) du par. 1 de l’art. 6", "loi n° 2012-023 du 12 juillet 2012",
		"Cass. crim., 12 mars 2013, n° 12-84.155", "ECLI:FR:CCASS:2020:CO00740", "ECW/CCJ/JUD/06/08",
		"articles L. 622-1 à L. 622-3", "1° à 5°, 8° et 9° de l'article 131-39 du code pénal", "2001, ch. 32, art. 1",
		"paragraph 1 (a) of this article", "Protocole de Palerme", "art.\u00a05", "article 224-1 A", "l'article 1er",
		"alinéas 44(5)a) à e)", "sous-alinéa (1)a)(iii)", "art. 91, al. 1, ch. 1, 163, al. 2, et 341, al. 1, LP",
		"et 593 du Code de procédure pénale", "artikel 30, tweede lid, onderdeel c, van dit Verdrag", "ans. (Article 522)",
		"(art. 48a)", "devenu R. 442-7, du code", "européen, 6, 8 et 14 de la Convention", "the Convention in accordance with its Articles 30 or 32",
		"PARAGRAPHES 7 : DES", "alinéa 77b) ou f)", "l’art. 2 ch. 1 de l’AF du 24 mars 2006 (Prot. facultatif du 25 mai 2000 se rapportant à la Conv.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, c := range ExtractCitations(s, "fr") {
			if c.Start < prev || c.End <= c.Start || c.End > len(s) {
				t.Fatalf("%q : décalages %d:%d invalides (précédente fin %d)", s, c.Start, c.End, prev)
			}
			if s[c.Start:c.End] != c.Text {
				t.Fatalf("%q : texte %q ≠ %q", s, c.Text, s[c.Start:c.End])
			}
			prev = c.End
		}
	})
}
