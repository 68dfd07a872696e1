package corpus

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// lxMetadata is the metadata.json of a folder of per-article files (one
// .md and one .json per article): the document's title and its structure
// tree in reading order.
type lxMetadata struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Type        string `json:"type"`
	Description string `json:"description"`
	Structure   struct {
		Sections []lxSection `json:"sections"`
	} `json:"structure"`
}

type lxSection struct {
	ID    string   `json:"id"`
	Title string   `json:"title"`
	Type  string   `json:"type"`
	Order int      `json:"order"`
	Path  []string `json:"path"`
}

// lxArticle is the per-article JSON sidecar. Numero may carry a trailing
// space ("499 ") or be cut at 30 characters; Title holds "Article 499 : …".
type lxArticle struct {
	ID     string   `json:"id"`
	Title  string   `json:"title"`
	Numero string   `json:"numero"`
	Path   []string `json:"path"`
}

var reSectionTitle = regexp.MustCompile(`^(?i)(livre|titre|chapitre|section|sous-section|paragraphe|partie)\s+(\S+)\s*[:.\-–]?\s*(.*)$`)

// loadFolder reads a folder of per-article files as one document: with a
// metadata.json (order and titles from its structure tree) or with a
// README.md index (order from its links, else by article number). Files
// the folder holds that are not articles are reported, never dropped
// silently.
func loadFolder(u unit) ([]*Document, []Skipped, error) {
	d := newDoc(u, "md")
	d.Language = "fr"
	var (
		blocks []block
		skip   []Skipped
		used   = map[string]bool{}
	)
	metaPath := filepath.Join(u.abs, "metadata.json")
	if data, err := os.ReadFile(metaPath); err == nil {
		var md lxMetadata
		if err := json.Unmarshal(data, &md); err != nil {
			return nil, nil, fmt.Errorf("%w : metadata.json invalide : %v", ErrCorrupt, err)
		}
		used["metadata.json"] = true
		d.Title = md.Title
		blocks, skip = lxBlocks(u, md, used)
	} else {
		blocks = readmeBlocks(u, d, used)
	}
	// Report every other file.
	_ = filepath.WalkDir(u.abs, func(abs string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(u.abs, abs)
		rel = filepath.ToSlash(rel)
		if !e.Type().IsRegular() {
			skip = append(skip, Skipped{Path: u.rel + "/" + rel, Reason: specialFileReason(e.Type()), Code: "unsupported"})
			return nil
		}
		if !used[rel] && !strings.HasSuffix(rel, ".meta.yaml") {
			skip = append(skip, Skipped{Path: u.rel + "/" + rel, Reason: "fichier du dossier qui n'est ni un article ni son index", Code: "unsupported"})
		}
		return nil
	})
	if len(blocks) == 0 {
		return nil, skip, fmt.Errorf("%w : aucun article lisible dans le dossier", ErrEmpty)
	}
	d.parseBlocks(blocks, nil)
	return []*Document{d}, skip, nil
}

// lxBlocks gives the blocks of a folder with a metadata.json. The
// structure tree of metadata.json is not reliable for order (its "order"
// values and its ids repeat across protocols), so articles are taken folder
// by folder in natural order, the folders named by the tree's titles
// ("titre-1" → "TITRE 1 : DROITS ET LIBERTÉS"). A top folder named
// "articles" holds articles outside any division.
func lxBlocks(u unit, md lxMetadata, used map[string]bool) ([]block, []Skipped) {
	var rels []string
	_ = filepath.WalkDir(u.abs, func(abs string, e fs.DirEntry, err error) error {
		if err == nil && e.Type().IsRegular() && strings.HasSuffix(abs, ".md") && strings.HasPrefix(e.Name(), "article") {
			rel, _ := filepath.Rel(u.abs, abs)
			rels = append(rels, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Slice(rels, func(i, j int) bool {
		di, dj := path.Dir(rels[i]), path.Dir(rels[j])
		if di != dj {
			// Loose articles ("." or "articles") first, then folders.
			li, lj := di == "." || di == "articles", dj == "." || dj == "articles"
			if li != lj {
				return li
			}
			if strings.HasPrefix(dj, di+"/") {
				return true
			}
			if strings.HasPrefix(di, dj+"/") {
				return false
			}
			return naturalLess(di, dj)
		}
		return naturalLess(rels[i], rels[j])
	})
	titles := map[string]string{}
	for _, s := range md.Structure.Sections {
		if s.Type != "article" {
			titles[s.ID] = s.Title
		}
	}
	// A code numbers its articles once: when the numbers are unique, their
	// order is the reading order whatever the folders. Otherwise (a
	// convention and its protocols) keep the folder order.
	nums := map[string]string{}
	unique := true
	seenNum := map[string]bool{}
	for _, rel := range rels {
		var art lxArticle
		if data, err := os.ReadFile(filepath.Join(u.abs, filepath.FromSlash(strings.TrimSuffix(rel, ".md")+".json"))); err == nil {
			_ = json.Unmarshal(data, &art)
		}
		n, _ := lxNumber(art, lxSection{ID: strings.TrimSuffix(path.Base(rel), ".md")})
		n = NormalizeNumber(n)
		nums[rel] = n
		if seenNum[n] {
			unique = false
		}
		seenNum[n] = true
	}
	if unique {
		sort.SliceStable(rels, func(i, j int) bool { return naturalLess(nums[rels[i]], nums[rels[j]]) })
	}
	var out []block
	var skip []Skipped
	opened := []string{}
	for _, rel := range rels {
		used[rel] = true
		jsonRel := strings.TrimSuffix(rel, ".md") + ".json"
		var art lxArticle
		if data, err := os.ReadFile(filepath.Join(u.abs, filepath.FromSlash(jsonRel))); err == nil {
			if json.Unmarshal(data, &art) == nil {
				used[jsonRel] = true
			}
		}
		body, err := os.ReadFile(filepath.Join(u.abs, filepath.FromSlash(rel)))
		if err != nil {
			skip = append(skip, Skipped{Path: u.rel + "/" + rel, Reason: err.Error(), Code: "error"})
			continue
		}
		divs := []string{}
		if d := path.Dir(rel); d != "." && d != "articles" {
			divs = strings.Split(d, "/")
		}
		common := 0
		for common < len(divs) && common < len(opened) && divs[common] == opened[common] {
			common++
		}
		if common < len(opened) && len(divs) <= common {
			// leaving divisions for a shallower folder: close them, so
			// that this article is not filed under the last one
			out = append(out, block{level: common, closeDivisions: true})
		}
		for k := common; k < len(divs); k++ {
			t := titles[divs[k]]
			if t == "" {
				t = strings.ReplaceAll(divs[k], "-", " ")
			}
			out = append(out, block{level: k + 1, text: sectionLabel(t)})
		}
		opened = append([]string{}, divs...)
		number, heading := lxNumber(art, lxSection{ID: strings.TrimSuffix(path.Base(rel), ".md")})
		if number == "" {
			skip = append(skip, Skipped{Path: u.rel + "/" + rel, Reason: "numéro d'article introuvable", Code: "error"})
			continue
		}
		text, inlineHeading := lxBody(decodeText(body), number)
		if heading == "" {
			heading = inlineHeading
		}
		// A "title" that is the article's first sentence ("Article 4 : La
		// loi pénale est d’interprétation stricte.") is text, not a heading.
		if heading != "" && strings.ContainsAny(heading[len(heading)-1:], ".:;") &&
			strings.HasPrefix(strings.Join(strings.Fields(text), " "), heading) {
			heading = ""
		}
		head := "Article " + number
		if heading != "" {
			head += " : " + heading
		}
		out = append(out, block{level: 6, text: head, source: u.rel + "/" + rel})
		for _, b := range markdownBlocks([]byte(text)) {
			b.level = 0
			out = append(out, b)
		}
	}
	return out, skip
}

// sectionLabel turns "TITRE 1 : DROITS ET LIBERTÉS" into a division
// heading split recognises.
func sectionLabel(t string) string {
	t = strings.Join(strings.Fields(t), " ")
	if m := reSectionTitle.FindStringSubmatch(t); m != nil {
		kind := strings.ToUpper(m[1][:1]) + strings.ToLower(m[1][1:])
		if m[3] != "" {
			return kind + " " + m[2] + " : " + m[3]
		}
		return kind + " " + m[2]
	}
	return t
}

var reLXTitle = regexp.MustCompile(`^(?i)article\s+(` + articleNumberPattern + `)\s*[:!.\-–]?\s*(.*)$`)

// lxNumber reads the article number and its heading from the sidecar: the
// title ("Article 499 : …", "ARTICLE 14 !LE CONSEIL…") is complete where
// numero may be cut.
func lxNumber(art lxArticle, sec lxSection) (number, heading string) {
	title := strings.Join(strings.Fields(art.Title), " ")
	if title == "" {
		title = strings.Join(strings.Fields(sec.Title), " ")
	}
	if m := reLXTitle.FindStringSubmatch(title); m != nil {
		number, heading = strings.TrimSpace(m[1]), strings.TrimSpace(m[2])
		// "9 :nouveau" → "9 nouveau"
		if strings.HasPrefix(strings.ToLower(heading), "nouveau") {
			number += " nouveau"
			heading = strings.TrimSpace(heading[len("nouveau"):])
		}
		// A long "title" is the start of the text, not a heading.
		if len([]rune(heading)) > 100 || strings.HasSuffix(heading, ".") && len([]rune(heading)) > 60 {
			heading = ""
		}
		return number, heading
	}
	n := strings.TrimSpace(art.Numero)
	if n == "" {
		n = strings.TrimSuffix(strings.TrimPrefix(sec.ID, "article-"), "-")
	}
	if _, err := strconv.Atoi(strings.Fields(n + " x")[0]); err == nil || n != "" {
		return n, ""
	}
	return "", ""
}

// readmeBlocks orders the article files of a folder with a README.md index
// by the README's links, else by article number.
func readmeBlocks(u unit, d *Document, used map[string]bool) []block {
	var out []block
	readme, err := os.ReadFile(filepath.Join(u.abs, "README.md"))
	if err == nil {
		used["README.md"] = true
		for _, b := range markdownBlocks(readme) {
			if b.level > 0 && d.Title == "" {
				d.Title = strings.TrimSuffix(strings.TrimSpace(b.text), ".")
			}
		}
	}
	order := []string{}
	for _, m := range regexp.MustCompile(`\]\(([^)\s]+\.md)\)`).FindAllStringSubmatch(string(readme), -1) {
		rel := path.Clean(m[1])
		if _, err := os.Stat(filepath.Join(u.abs, filepath.FromSlash(rel))); err == nil && !used[rel] {
			order = append(order, rel)
			used[rel] = true
		}
	}
	var rest []string
	_ = filepath.WalkDir(u.abs, func(abs string, e fs.DirEntry, err error) error {
		if err == nil && e.Type().IsRegular() {
			rel, _ := filepath.Rel(u.abs, abs)
			rel = filepath.ToSlash(rel)
			if !used[rel] && reArticleFile.MatchString(path.Base(rel)) {
				rest = append(rest, rel)
			}
		}
		return nil
	})
	sort.Slice(rest, func(i, j int) bool { return naturalLess(rest[i], rest[j]) })
	// The README of these extracts lists articles in the order of its
	// generator, not always the legal order (224-1 C before 224-1 A):
	// follow the article numbers.
	all := append(order, rest...)
	// Compare without the extension: "article-225-14.md" before
	// "article-225-14-1.md".
	sort.SliceStable(all, func(i, j int) bool {
		return naturalLess(strings.TrimSuffix(all[i], ".md"), strings.TrimSuffix(all[j], ".md"))
	})
	for _, rel := range all {
		used[rel] = true
		body, err := os.ReadFile(filepath.Join(u.abs, filepath.FromSlash(rel)))
		if err != nil {
			continue
		}
		bs := markdownBlocks([]byte(decodeText(body)))
		if len(bs) > 0 && bs[0].level > 0 {
			bs[0].source = u.rel + "/" + rel
		}
		out = append(out, bs...)
	}
	return out
}

var reDigits = regexp.MustCompile(`\d+|\D+`)

// naturalLess compares strings with runs of digits by value
// ("article-225-4-2" < "article-225-4-10").
func naturalLess(a, b string) bool {
	pa, pb := reDigits.FindAllString(a, -1), reDigits.FindAllString(b, -1)
	for i := 0; i < len(pa) && i < len(pb); i++ {
		if pa[i] == pb[i] {
			continue
		}
		na, ea := strconv.Atoi(pa[i])
		nb, eb := strconv.Atoi(pb[i])
		if ea == nil && eb == nil {
			return na < nb
		}
		return pa[i] < pb[i]
	}
	return len(pa) < len(pb)
}

// lxBody removes from an article file the line repeating its own heading
// ("Article 10 : Action de prévention") and returns that heading's title;
// division headings that the transcription put at the end of an article
// ("CHAPITRE II : DU GLOSSAIRE") are set apart as their own paragraphs.
func lxBody(body, number string) (string, string) {
	lines := strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n")
	heading := ""
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if n, rest, ok := articleHead(t); ok && NormalizeNumber(n) == NormalizeNumber(number) {
			lines[i] = ""
			if len([]rune(rest)) <= 100 && !strings.HasSuffix(rest, ".") {
				heading = rest
			} else {
				lines[i] = rest
			}
		}
		break
	}
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if _, _, ok := divisionHead(t); ok && isDivisionLine(t) && t == strings.ToUpper(t) {
			lines[i] = "\n" + t + "\n"
		}
	}
	return strings.Join(lines, "\n"), heading
}
