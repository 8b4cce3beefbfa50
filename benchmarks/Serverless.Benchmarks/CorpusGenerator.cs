using System.Globalization;
using System.Text;

namespace Serverless.Benchmarks;

/// <summary>How a generated article is written.</summary>
public enum CorpusStyle
{
    /// <summary>A CMS export (<c>.txt</c>): the headline on the first line, placeholder links, a trailing "read also" block.</summary>
    HeadlineFirst,

    /// <summary>Markdown (<c>.md</c>) with YAML front matter (title, date, tags, author, sometimes lang), headings and lists.</summary>
    FrontMatter,
}

/// <summary>One generated article: its file name (relative, forward slashes) and its exact bytes.</summary>
public sealed record GeneratedArticle(string FileName, string Language, CorpusStyle Style, string Topic, string Title, byte[] Content);

/// <summary>
/// A deterministic corpus of realistic French and English news articles, for load measurements an author could
/// reproduce with <c>upload</c>. The spread, which <c>CorpusGeneratorTests</c> checks:
/// <list type="bullet">
/// <item>language: French or English, one chance in two each;</item>
/// <item>style: headline-first CMS export 40%, YAML front matter 60% (a third of those without <c>lang</c>, so it is detected);</item>
/// <item>size: 1 to 10 KB of UTF-8, the target drawn uniformly in that range;</item>
/// <item>topics: 8 per language, each with its own vocabulary and tag; front matter carries 1 to 3 tags;</item>
/// <item>links: 70% end with an "A lire aussi :" / "Read also:" block naming 1 to 3 other articles of the topic by
/// title (some uploaded later: late binding); the body holds placeholder links <c>[text](#)</c> and emphasis.</item>
/// </list>
/// The same count and seed give the same files, byte for byte (<see cref="Random"/> with a seed is stable across runtimes).
/// </summary>
public static class CorpusGenerator
{
    public const int MinBytes = 1024;
    public const int MaxBytes = 10 * 1024;

    private sealed record Topic(string Tag, string[] Subjects, string[] Objects, string[] Places);

    private sealed record Language(string Code, Topic[] Topics, string[] Verbs, string[] Connectives, string[] Closers, string[] Authors, string ReadAlso);

    private static readonly Language French = new("fr",
        [
            new("politique", ["Le gouvernement", "Le Premier ministre", "L'Assemblée nationale", "Le Sénat", "L'opposition", "La majorité présidentielle"], ["la réforme des retraites", "le projet de loi de finances", "la motion de censure", "le budget de l'État", "la dissolution", "le remaniement"], ["Paris", "Matignon", "l'Élysée", "Bruxelles"]),
            new("cybersécurité", ["Les pirates", "L'Anssi", "Le groupe de hackers", "Un chercheur en sécurité", "L'hébergeur", "Le ministère de l'Intérieur"], ["la fuite de données", "le rançongiciel", "l'attaque par déni de service", "la faille zero-day", "le piratage des serveurs", "le vol de mots de passe"], ["Rennes", "Lyon", "Toulouse", "Lille"]),
            new("cinéma", ["Le réalisateur", "Le festival de Cannes", "Le studio", "La productrice", "Le distributeur", "La critique"], ["le long métrage", "la sortie en salles", "le tournage", "la palme d'or", "la bande-annonce", "le box-office"], ["Cannes", "Deauville", "Annecy", "Paris"]),
            new("économie", ["La Banque de France", "L'Insee", "Le patronat", "Les syndicats", "Le ministre de l'Économie", "La BCE"], ["l'inflation", "le taux de chômage", "la croissance", "la dette publique", "les taux d'intérêt", "le pouvoir d'achat"], ["Bercy", "Francfort", "Paris", "Marseille"]),
            new("climat", ["Les climatologues", "Météo-France", "Le Giec", "Les agriculteurs", "La préfecture", "Les associations écologistes"], ["la sécheresse", "la vague de chaleur", "les inondations", "la transition énergétique", "les émissions de CO2", "la fonte des glaciers"], ["Grenoble", "Montpellier", "Bordeaux", "Nantes"]),
            new("sport", ["L'équipe de France", "Le sélectionneur", "Le club parisien", "La fédération", "L'entraîneur", "Le capitaine"], ["la Coupe du monde", "le Tour de France", "le match retour", "le mercato", "la finale", "le championnat"], ["Saint-Denis", "Marseille", "Lyon", "Roland-Garros"]),
            new("santé", ["L'Assurance maladie", "Les médecins généralistes", "L'hôpital", "La Haute Autorité de santé", "Les infirmières", "Le ministre de la Santé"], ["la campagne de vaccination", "les déserts médicaux", "la grippe saisonnière", "le prix des médicaments", "les urgences", "la téléconsultation"], ["Strasbourg", "Lille", "Paris", "Rouen"]),
            new("technologie", ["La start-up", "Le géant américain", "Les opérateurs télécoms", "La Cnil", "Le fabricant", "Les développeurs"], ["l'intelligence artificielle", "la 5G", "le cloud souverain", "le smartphone pliable", "le règlement européen", "les puces électroniques"], ["Sophia Antipolis", "Saclay", "Paris", "Grenoble"]),
        ],
        ["annonce", "dénonce", "défend", "prépare", "suspend", "relance", "confirme", "critique", "accélère", "remet en cause"],
        ["Par ailleurs,", "Selon nos informations,", "Dans le même temps,", "D'après un rapport publié mardi,", "Pour autant,", "En revanche,", "Interrogé par la presse,"],
        ["et ce n'est pas une surprise pour les observateurs", "ce qui est une première pour le pays et pour ses voisins", "et il faut dire que les attentes sont fortes", "sur fond de tensions avec les partenaires qui ont déjà réagi", "une décision qui est attendue depuis des mois par les élus", "selon un communiqué qui a été publié lundi sur son site"],
        ["Camille Martin", "Julien Bernard", "Sophie Lefèvre", "Thomas Moreau", "Claire Dubois"],
        "A lire aussi :");

    private static readonly Language English = new("en",
        [
            new("politics", ["The government", "The prime minister", "Parliament", "The Senate", "The opposition", "The White House"], ["the pension reform", "the spending bill", "the no-confidence vote", "the federal budget", "the snap election", "the cabinet reshuffle"], ["London", "Washington", "Brussels", "Ottawa"]),
            new("security", ["The hackers", "The cyber agency", "A ransomware gang", "A security researcher", "The hosting company", "The FBI"], ["the data breach", "the ransomware attack", "the denial-of-service attack", "the zero-day flaw", "the server intrusion", "the stolen passwords"], ["Seattle", "Austin", "Boston", "Dublin"]),
            new("film", ["The director", "The studio", "The festival", "The producer", "The distributor", "The critics"], ["the feature film", "the theatrical release", "the shooting schedule", "the award season", "the trailer", "the box office"], ["Hollywood", "Toronto", "Sundance", "Venice"]),
            new("economy", ["The central bank", "The statistics office", "Business leaders", "The unions", "The treasury", "The Federal Reserve"], ["inflation", "the unemployment rate", "economic growth", "public debt", "interest rates", "household spending"], ["New York", "Frankfurt", "London", "Chicago"]),
            new("climate", ["Climate scientists", "The weather service", "The IPCC", "Farmers", "State officials", "Environmental groups"], ["the drought", "the heatwave", "the floods", "the energy transition", "carbon emissions", "the melting glaciers"], ["California", "Arizona", "Queensland", "Texas"]),
            new("sport", ["The national team", "The head coach", "The London club", "The federation", "The manager", "The captain"], ["the World Cup", "the Grand Slam", "the second leg", "the transfer window", "the final", "the league title"], ["Wembley", "Melbourne", "Madrid", "Manchester"]),
            new("health", ["The health service", "Family doctors", "The hospital", "The regulator", "Nurses", "The health secretary"], ["the vaccination campaign", "rural clinic closures", "the flu season", "drug prices", "emergency waiting times", "telemedicine"], ["Leeds", "Glasgow", "Denver", "Cardiff"]),
            new("technology", ["The startup", "The tech giant", "Mobile carriers", "The privacy watchdog", "The chipmaker", "Developers"], ["artificial intelligence", "the 5G rollout", "cloud computing", "the foldable phone", "the new EU rules", "semiconductor supply"], ["San Francisco", "Seattle", "Cambridge", "Berlin"]),
        ],
        ["announces", "condemns", "defends", "prepares", "suspends", "revives", "confirms", "criticises", "speeds up", "questions"],
        ["Meanwhile,", "According to sources,", "At the same time,", "A report published on Tuesday says", "Even so,", "On the other hand,", "Asked by reporters,"],
        ["a decision that had been expected for months", "despite criticism from the opposition", "reopening the debate", "with no clear timetable", "before the end of the year", "according to a statement on Monday"],
        ["Emma Clarke", "James Walker", "Olivia Hughes", "Daniel Reed", "Grace Bennett"],
        "Read also:");

    /// <summary>The corpus: <paramref name="count"/> articles drawn from <paramref name="seed"/>.</summary>
    public static IReadOnlyList<GeneratedArticle> Generate(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        // Titles first, so that a "read also" block can name an article generated after it.
        var random = new Random(seed);
        var plans = new List<(Language Language, Topic Topic, CorpusStyle Style, string Title)>(count);
        var titles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < count; index++)
        {
            var language = random.Next(2) == 0 ? French : English;
            var topic = language.Topics[random.Next(language.Topics.Length)];
            var style = random.Next(10) < 4 ? CorpusStyle.HeadlineFirst : CorpusStyle.FrontMatter;
            plans.Add((language, topic, style, UniqueTitle(random, language, topic, titles)));
        }
        var files = new HashSet<string>(StringComparer.Ordinal);
        return [.. plans.Select((plan, index) => Write(plan.Language, plan.Topic, plan.Style, plan.Title, index, count, seed, plans.Select(other => (other.Topic, other.Title)).ToList(), files))];
    }

    /// <summary>Writes the corpus under <paramref name="directory"/>; returns the files written.</summary>
    public static async Task<IReadOnlyList<GeneratedArticle>> WriteAsync(string directory, int count, int seed, CancellationToken cancellationToken = default)
    {
        var articles = Generate(count, seed);
        foreach (var article in articles)
        {
            var path = Path.Combine(directory, article.FileName);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, article.Content, cancellationToken);
        }
        return articles;
    }

    private static string UniqueTitle(Random random, Language language, Topic topic, HashSet<string> titles)
    {
        for (var attempt = 0; ; attempt++)
        {
            var subject = Pick(random, topic.Subjects);
            var title = $"{subject} {Pick(random, language.Verbs)} {Pick(random, topic.Objects)}";
            // Further words keep titles distinct once the short forms are used up, as real headlines do.
            if (attempt > 0)
            {
                title += language == French ? $" à {Pick(random, topic.Places)}" : $" in {Pick(random, topic.Places)}";
            }
            if (attempt > 3)
            {
                title += language == French ? $" : {Pick(random, language.Closers)}" : $": {Pick(random, language.Closers)}";
            }
            if (attempt > 8)
            {
                title += $" ({titles.Count + 1})";
            }
            if (titles.Add(title))
            {
                return title;
            }
        }
    }

    private static GeneratedArticle Write(Language language, Topic topic, CorpusStyle style, string title, int index, int count, int seed,
        IReadOnlyList<(Topic Topic, string Title)> corpus, HashSet<string> files)
    {
        var random = new Random(unchecked(seed * 1_000_003 + index));
        var target = random.Next(MinBytes + 200, MaxBytes - 200);
        var published = new DateTimeOffset(2024, 1, 1, 7, 0, 0, TimeSpan.Zero).AddMinutes(index * (525_600.0 / Math.Max(count, 1)));

        var related = new List<string>();
        if (random.Next(10) < 7)
        {
            var sameTopic = Enumerable.Range(0, corpus.Count).Where(other => other != index && corpus[other].Topic == topic).ToList();
            for (var pick = random.Next(1, 4); pick > 0 && sameTopic.Count > 0; pick--)
            {
                var chosen = sameTopic[random.Next(sameTopic.Count)];
                sameTopic.Remove(chosen);
                related.Add(corpus[chosen].Title);
            }
        }
        var trailer = new StringBuilder();
        if (related.Count > 0)
        {
            trailer.Append('\n').Append(language.ReadAlso).Append("\n\n");
            foreach (var other in related)
            {
                trailer.Append(style == CorpusStyle.FrontMatter ? "- " : "").Append('[').Append(other).Append("](#)\n").Append(style == CorpusStyle.FrontMatter ? "" : "\n");
            }
        }

        var text = new StringBuilder();
        if (style == CorpusStyle.HeadlineFirst)
        {
            text.Append(title).Append("\n\n");
        }
        else
        {
            var tags = new[] { topic.Tag }.Concat(language.Topics.Where(other => other != topic).OrderBy(_ => random.Next()).Take(random.Next(3)).Select(other => other.Tag));
            text.Append("---\n")
                .Append("title: \"").Append(title.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\"\n")
                .Append("date: ").Append(published.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append('\n')
                .Append("author: ").Append(Pick(random, language.Authors)).Append('\n')
                .Append("tags: [").Append(string.Join(", ", tags)).Append("]\n");
            if (random.Next(3) > 0)
            {
                text.Append("lang: ").Append(language.Code).Append('\n');
            }
            text.Append("---\n\n");
        }
        var headerBytes = Encoding.UTF8.GetByteCount(text.ToString());
        var trailerBytes = Encoding.UTF8.GetByteCount(trailer.ToString());
        var bodyBytes = 0;
        for (var paragraph = 0; headerBytes + bodyBytes + trailerBytes < target; paragraph++)
        {
            var block = Block(random, language, topic, style, paragraph);
            var blockBytes = Encoding.UTF8.GetByteCount(block);
            if (headerBytes + bodyBytes + blockBytes + trailerBytes > MaxBytes)
            {
                break;
            }
            text.Append(block);
            bodyBytes += blockBytes;
        }
        text.Append(trailer);

        var name = $"{language.Code}/{published:yyyy-MM}/{FileStem(title)}";
        var file = name;
        for (var suffix = 2; !files.Add(file); suffix++)
        {
            file = $"{name}-{suffix}";
        }
        file += style == CorpusStyle.HeadlineFirst ? ".txt" : ".md";
        return new GeneratedArticle(file, language.Code, style, topic.Tag, title, Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>A paragraph, now and then preceded by a subheading (<c>##</c> in Markdown, a bare line in a CMS export) or followed by a list.</summary>
    private static string Block(Random random, Language language, Topic topic, CorpusStyle style, int paragraph)
    {
        var block = new StringBuilder();
        if (paragraph > 0 && random.Next(4) == 0)
        {
            var heading = Capitalise(Pick(random, topic.Objects));
            block.Append(style == CorpusStyle.FrontMatter ? "## " : "").Append(heading).Append("\n\n");
        }
        var sentences = random.Next(3, 6);
        for (var sentence = 0; sentence < sentences; sentence++)
        {
            block.Append(sentence == 0 ? "" : " ").Append(Sentence(random, language, topic));
        }
        block.Append("\n\n");
        if (style == CorpusStyle.FrontMatter && random.Next(6) == 0)
        {
            for (var item = random.Next(2, 5); item > 0; item--)
            {
                block.Append("- ").Append(Capitalise(Pick(random, topic.Objects))).Append(", ").Append(Pick(random, language.Closers)).Append('\n');
            }
            block.Append('\n');
        }
        return block.ToString();
    }

    private static string Sentence(Random random, Language language, Topic topic)
    {
        var subject = Pick(random, topic.Subjects);
        var verb = Pick(random, language.Verbs);
        var thing = Pick(random, topic.Objects);
        var place = Pick(random, topic.Places);
        var closer = Pick(random, language.Closers);
        // Emphasis and placeholder links as CMS exports carry them: the renderer must handle both.
        thing = random.Next(5) switch
        {
            0 => $"**{thing}**",
            1 => $"*{thing}*",
            2 when random.Next(2) == 0 => $"[{thing}](#)",
            _ => thing,
        };
        var opening = random.Next(3) == 0 ? Pick(random, language.Connectives) + " " + Uncapitalise(subject) : subject;
        return language == French
            ? $"{opening} {verb} {thing} à {place}, {closer}."
            : $"{opening} {verb} {thing} in {place}, {closer}.";
    }

    private static string FileStem(string title)
    {
        var ascii = new StringBuilder();
        foreach (var character in title.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(character))
            {
                ascii.Append(char.ToLowerInvariant(character));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(character) != UnicodeCategory.NonSpacingMark && ascii.Length > 0 && ascii[^1] != '-')
            {
                ascii.Append('-');
            }
        }
        var stem = ascii.ToString().Trim('-');
        return stem.Length > 60 ? stem[..60].TrimEnd('-') : stem;
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    private static string Capitalise(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>An article opening a subject lower-cased after a connective ("Par ailleurs, le gouvernement"); names stay as they are.</summary>
    private static string Uncapitalise(string text) =>
        LeadingArticles.Any(article => text.StartsWith(article, StringComparison.Ordinal)) ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    private static readonly string[] LeadingArticles = ["Le ", "La ", "Les ", "L'", "Un ", "Une ", "The ", "A "];
}
