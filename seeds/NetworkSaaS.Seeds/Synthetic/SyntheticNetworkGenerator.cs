using System.Globalization;
using System.Text;
using NetworkSaaS.Core.Features.Contacts;
using V = NetworkSaaS.Seeds.Synthetic.SyntheticVocabulary;

namespace NetworkSaaS.Seeds.Synthetic;

/// <summary>
/// A deterministic synthetic network for benchmarks: one company (<see cref="SyntheticNetworkOptions.Slug"/>) with
/// ~20 departments, <see cref="SyntheticNetworkOptions.Users"/> employees and <see cref="SyntheticNetworkOptions.Contacts"/>
/// contacts spread unevenly over them, Japanese (with kana) and English names, ~20,000 companies, every channel,
/// depth and visibility, tags, emails, phones, and met / last-contacted dates around <see cref="SyntheticNetworkOptions.Today"/>.
/// Only what a person would type is generated here; what the app derives (display name, sort key, search text,
/// E.164 phones, organization, next touch) is left to the loader, which must derive it the way the app does.
/// </summary>
public sealed class SyntheticNetworkGenerator(SyntheticNetworkOptions options)
{
    public SyntheticNetworkOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    public static IReadOnlyList<string> Departments => V.Departments;

    public IReadOnlyList<SyntheticUser> Users()
    {
        var random = new Random(Options.Seed);
        var users = new List<SyntheticUser>(Options.Users);
        for (var i = 0; i < Options.Users; i++)
        {
            var email = i == 0 ? $"admin@{Options.Slug}.example" : $"user{i:0000}@{Options.Slug}.example";
            string name;
            string? kana;
            if (random.NextDouble() < 0.75)
            {
                var family = Pick(random, V.JapaneseFamilyNames);
                var given = Pick(random, V.JapaneseGivenNames);
                name = $"{family.Kanji} {given.Kanji}";
                kana = $"{ToHiragana(family.Kana)} {ToHiragana(given.Kana)}";
            }
            else
            {
                name = $"{Pick(random, V.EnglishGivenNames)} {Pick(random, V.EnglishFamilyNames)}";
                kana = null;
            }

            var expertise = Enumerable.Range(0, random.Next(0, 3)).Select(_ => Pick(random, V.Expertise)).Distinct(StringComparer.Ordinal).ToList();
            users.Add(new SyntheticUser(email, name, kana, V.Departments[i % V.Departments.Count], Pick(random, V.EmployeeTitles), expertise));
        }

        return users;
    }

    /// <summary>How many contacts each user owns: about Contacts / Users each, log-normally skewed, summing exactly to Contacts.</summary>
    public IReadOnlyList<int> ContactsPerUser()
    {
        var random = new Random(Options.Seed + 1);
        var weights = Enumerable.Range(0, Options.Users).Select(_ => Math.Exp(0.5 * Gaussian(random))).ToArray();
        var sum = weights.Sum();
        var counts = weights.Select(w => (int)Math.Floor(Options.Contacts * w / sum)).ToArray();
        var missing = Options.Contacts - counts.Sum();
        for (var i = 0; missing > 0; i = (i + 1) % counts.Length, missing--)
        {
            counts[i]++;
        }

        return counts;
    }

    public IReadOnlyList<SyntheticOrganization> Organizations()
    {
        var random = new Random(Options.Seed + 2);
        var japanese = (from prefix in V.JapaneseCompanyPrefixes
                        from brand in V.JapaneseCompanyBrands
                        from kind in V.JapaneseCompanyKinds
                        select (prefix, brand, kind)).ToList();
        var english = (from first in V.EnglishCompanyFirstWords
                       from middle in V.EnglishCompanyMiddleWords
                       from kind in V.EnglishCompanyKinds
                       select (first, middle, kind)).ToList();
        Shuffle(random, japanese);
        Shuffle(random, english);
        var japaneseCount = Math.Min(japanese.Count, Options.Organizations * 6 / 10);
        var englishCount = Math.Min(english.Count, Options.Organizations - japaneseCount);
        var organizations = new List<SyntheticOrganization>(japaneseCount + englishCount);
        // Stems are unique, so every organization has its own normalized name (legal forms aside).
        var stems = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < japaneseCount; i++)
        {
            var (prefix, brand, kind) = japanese[i];
            var form = Pick(random, V.JapaneseLegalForms);
            var stem = random.Next(3) == 0 && stems.Add(brand + kind) ? brand + kind : prefix + brand + kind;
            stems.Add(stem);
            var name = random.Next(2) == 0 ? form + stem : stem + form;
            organizations.Add(new SyntheticOrganization(name, $"c{i:00000}.example.co.jp", Pick(random, V.Industries), Japanese: true));
        }

        for (var i = 0; i < englishCount; i++)
        {
            var (first, middle, kind) = english[i];
            var stem = random.Next(3) == 0 && stems.Add($"{first} {kind}") ? $"{first} {kind}" : $"{first} {middle} {kind}";
            stems.Add(stem);
            organizations.Add(new SyntheticOrganization($"{stem} {Pick(random, V.EnglishLegalForms)}", $"{first}-{middle}-{kind}.example.com".ToLowerInvariant(), Pick(random, V.Industries), Japanese: false));
        }

        Shuffle(random, organizations);
        return organizations;
    }

    /// <summary>
    /// The contacts, owner by owner (<paramref name="ownerIds"/> in the order of <see cref="Users"/>), streamed. Derived
    /// fields are left empty; <see cref="Contact.TenantId"/> is <paramref name="tenantId"/>.
    /// </summary>
    public IEnumerable<Contact> Contacts(Guid tenantId, IReadOnlyList<Guid> ownerIds, IReadOnlyList<SyntheticOrganization> organizations)
    {
        ArgumentNullException.ThrowIfNull(ownerIds);
        ArgumentNullException.ThrowIfNull(organizations);
        var perUser = ContactsPerUser();
        var random = new Random(Options.Seed + 3);
        for (var owner = 0; owner < ownerIds.Count && owner < perUser.Count; owner++)
        {
            for (var k = 0; k < perUser[owner]; k++)
            {
                yield return NewContact(random, tenantId, ownerIds[owner], ownerIds, organizations);
            }
        }
    }

    /// <summary>What people type into the search box, drawn from the same vocabulary: kana fragments, companies, tags, English surnames.</summary>
    public IReadOnlyList<string> SearchTerms(IReadOnlyList<SyntheticOrganization> organizations, int count = 500)
    {
        ArgumentNullException.ThrowIfNull(organizations);
        var random = new Random(Options.Seed + 4);
        var terms = new List<string>(count);
        while (terms.Count < count)
        {
            terms.Add((terms.Count % 5) switch
            {
                0 => KanaFragment(random),
                1 => CompanyTerm(random, organizations),
                2 => Pick(random, V.Tags),
                3 => random.Next(2) == 0 ? Pick(random, V.EnglishFamilyNames) : Pick(random, V.EnglishFamilyNames).ToLowerInvariant(),
                _ => random.Next(2) == 0 ? Pick(random, V.JapaneseFamilyNames).Kanji : $"{Pick(random, V.EnglishGivenNames)} {Pick(random, V.Tags)}",
            });
        }

        return terms;
    }

    /// <summary>
    /// Query strings for the discovery page, in the mix colleagues would use: a company (a fragment of its name), a
    /// company with a role, a role or expertise alone or with what people are open to, what people are open to alone,
    /// an industry alone or with a title.
    /// </summary>
    public IReadOnlyList<string> DiscoveryQueries(IReadOnlyList<SyntheticOrganization> organizations, int count = 500)
    {
        ArgumentNullException.ThrowIfNull(organizations);
        var random = new Random(Options.Seed + 5);
        string Escape(string value) => Uri.EscapeDataString(value);
        string Role(Random r) => r.Next(3) == 0 ? Pick(r, V.Expertise) : Pick(r, V.ContactTitles);
        string Open(Random r) => r.Next(3) switch { 0 => "SalesIntroductions", 1 => "Hiring", _ => "Advising" };
        var queries = new List<string>(count);
        while (queries.Count < count)
        {
            queries.Add((queries.Count % 10) switch
            {
                < 3 => $"company={Escape(CompanyTerm(random, organizations))}",
                < 5 => $"company={Escape(CompanyTerm(random, organizations))}&keywords={Escape(Role(random))}",
                < 7 => $"keywords={Escape(Role(random))}",
                7 => $"keywords={Escape(Role(random))}&openTo={Open(random)}",
                8 => $"openTo={Open(random)}",
                _ => random.Next(2) == 0 ? $"industry={Escape(Pick(random, V.Industries))}"
                    : $"industry={Escape(Pick(random, V.Industries))}&keywords={Escape(Pick(random, V.ContactTitles))}",
            });
        }

        return queries;
    }

    private Contact NewContact(Random random, Guid tenantId, Guid ownerId, IReadOnlyList<Guid> users, IReadOnlyList<SyntheticOrganization> organizations)
    {
        var today = Options.Today;
        var contact = new Contact { TenantId = tenantId, OwnerId = ownerId };
        string romaji;
        var japanese = random.NextDouble() < 0.6;
        if (japanese)
        {
            var family = Pick(random, V.JapaneseFamilyNames);
            var given = Pick(random, V.JapaneseGivenNames);
            contact.FamilyName = family.Kanji;
            contact.GivenName = given.Kanji;
            var style = random.NextDouble();
            if (style < 0.55)
            {
                (contact.FamilyNameKana, contact.GivenNameKana) = (family.Kana, given.Kana);
            }
            else if (style < 0.9)
            {
                (contact.FamilyNameKana, contact.GivenNameKana) = (ToHiragana(family.Kana), ToHiragana(given.Kana));
            }

            romaji = $"{given.Romaji}.{family.Romaji}";
        }
        else
        {
            contact.GivenName = Pick(random, V.EnglishGivenNames);
            contact.FamilyName = Pick(random, V.EnglishFamilyNames);
            romaji = $"{contact.GivenName}.{contact.FamilyName}".ToLowerInvariant();
        }

        SyntheticOrganization? organization = null;
        if (organizations.Count > 0 && random.NextDouble() < 0.92)
        {
            // Popular companies are known by many people: skew towards the front of the list.
            organization = organizations[(int)(organizations.Count * Math.Pow(random.NextDouble(), 2.2))];
            contact.CompanyName = organization.Japanese && random.NextDouble() < 0.15 ? AbbreviateLegalForm(organization.Name, random) : organization.Name;
        }

        contact.Department = random.NextDouble() < 0.5 ? Pick(random, V.ContactDepartments) : null;
        contact.Title = random.NextDouble() < 0.8 ? Pick(random, V.ContactTitles) : null;

        if (random.NextDouble() < 0.75)
        {
            contact.Emails.Add(organization is not null && random.NextDouble() < 0.8
                ? $"{romaji}@{organization.Domain}"
                : $"{romaji}{random.Next(1, 999)}@{Pick(random, V.FreeMailDomains)}");
            if (random.NextDouble() < 0.1)
            {
                contact.Emails.Add($"{romaji}.{random.Next(10, 99)}@{Pick(random, V.FreeMailDomains)}");
            }
        }

        var phones = random.NextDouble() switch { < 0.5 => 1, < 0.65 => 2, _ => 0 };
        for (var p = 0; p < phones; p++)
        {
            contact.Phones.Add(Phone(random, japanese, mobile: p == 0));
        }

        if (random.NextDouble() < 0.25)
        {
            contact.Urls.Add($"https://www.linkedin.com/in/{romaji.Replace('.', '-')}-{random.Next(0x100000, 0xffffff):x6}");
        }

        contact.Address = random.NextDouble() < 0.08 ? Pick(random, V.Cities) : null;
        contact.Tags = [.. Enumerable.Range(0, random.NextDouble() switch { < 0.35 => 0, < 0.7 => 1, < 0.9 => 2, _ => 3 })
            .Select(_ => Pick(random, V.Tags)).Distinct(StringComparer.OrdinalIgnoreCase)];
        contact.Expertise = [.. Enumerable.Range(0, random.NextDouble() switch { < 0.7 => 0, < 0.92 => 1, _ => 2 })
            .Select(_ => Pick(random, V.Expertise)).Distinct(StringComparer.OrdinalIgnoreCase)];
        contact.Notes = random.NextDouble() < 0.3
            ? string.Join(' ', Enumerable.Range(0, random.Next(1, 3)).Select(_ => Pick(random, V.NoteSentences)))
            : null;

        contact.Channel = random.Next(100) switch
        {
            < 25 => MeetingChannel.ExchangeEvent,
            < 40 => MeetingChannel.OnlineCommunity,
            < 52 => MeetingChannel.FriendOrAcquaintance,
            < 72 => MeetingChannel.CustomerOrSupplier,
            < 77 => MeetingChannel.RegularVenue,
            < 87 => MeetingChannel.ExistingRelationship,
            < 95 => MeetingChannel.IntroducedBySomeone,
            _ => MeetingChannel.Other,
        };
        contact.MetOn = random.NextDouble() < 0.88 ? today.AddDays(-random.Next(1, 3650)) : null;
        contact.MetAt = random.NextDouble() < 0.3 ? Pick(random, V.Venues) : null;
        if (contact.Channel == MeetingChannel.IntroducedBySomeone && random.NextDouble() < 0.5)
        {
            var introducer = users[random.Next(users.Count)];
            contact.IntroducedByUserId = introducer == ownerId ? null : introducer;
        }

        contact.Depth = random.Next(100) switch { < 35 => 1, < 63 => 2, < 83 => 3, < 94 => 4, _ => 5 };
        contact.OpenTo = (random.NextDouble() < 0.25 ? OpenTo.SalesIntroductions : OpenTo.None)
                         | (random.NextDouble() < 0.15 ? OpenTo.Hiring : OpenTo.None)
                         | (random.NextDouble() < 0.1 ? OpenTo.Advising : OpenTo.None);
        var visibility = random.Next(100) switch { < 60 => ContactVisibility.Private, < 85 => ContactVisibility.Discoverable, _ => ContactVisibility.Shared };
        contact.Visibility = Options.Visibility ?? visibility;

        var firstDay = contact.MetOn ?? today.AddDays(-random.Next(1, 3650));
        var span = Math.Max(0, today.DayNumber - firstDay.DayNumber);
        if (random.NextDouble() < 0.6)
        {
            // Recent touches are more common than old ones: with the default cadences a fair share ends up overdue.
            contact.LastContactedOn = today.AddDays(-(int)(span * Math.Pow(random.NextDouble(), 2)));
        }

        contact.CadenceDays = random.NextDouble() < 0.05 ? Pick(random, CustomCadences) : null;
        contact.SnoozedUntil = random.NextDouble() < 0.03 ? today.AddDays(random.Next(1, 31)) : null;
        contact.VCardUid = random.NextDouble() < 0.08 ? SyntheticIds.Version7(DateTimeOffset.UnixEpoch, random).ToString() : null;

        // Created (and last updated) before today, so nothing in the data lies in the future of the run.
        var createdDay = firstDay.AddDays(Math.Min(span - 1, random.Next(0, 31)));
        contact.CreatedAt = new DateTimeOffset(createdDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddSeconds(random.Next(8 * 3600, 20 * 3600));
        var updatedDays = today.DayNumber - createdDay.DayNumber - 1;
        contact.UpdatedAt = random.NextDouble() < 0.5 ? contact.CreatedAt : contact.CreatedAt.AddDays(random.Next(0, updatedDays + 1));
        contact.Id = SyntheticIds.Version7(contact.CreatedAt, random);
        return contact;
    }

    private static readonly int[] CustomCadences = [14, 30, 45, 90];

    private static string Phone(Random random, bool japanese, bool mobile)
    {
        var a = random.Next(1000, 10000).ToString(CultureInfo.InvariantCulture);
        var b = random.Next(1000, 10000).ToString(CultureInfo.InvariantCulture);
        if (japanese)
        {
            return mobile
                ? $"{(random.Next(3) switch { 0 => "090", 1 => "080", _ => "070" })}-{a}-{b}"
                : random.Next(2) == 0 ? $"03-{a}-{b}" : $"+81 6-{a}-{b}";
        }

        return random.Next(2) == 0 ? $"+1 415-555-{b}" : $"+44 20 7946 {b}";
    }

    private static string AbbreviateLegalForm(string name, Random random) =>
        name.Replace("株式会社", random.Next(2) == 0 ? "㈱" : "(株)", StringComparison.Ordinal);

    private static string KanaFragment(Random random)
    {
        var kana = Pick(random, V.JapaneseFamilyNames).Kana;
        var fragment = kana[..Math.Min(kana.Length, random.Next(2, 4))];
        return random.Next(2) == 0 ? ToHiragana(fragment) : fragment;
    }

    private static string CompanyTerm(Random random, IReadOnlyList<SyntheticOrganization> organizations)
    {
        if (organizations.Count == 0)
        {
            return Pick(random, V.JapaneseCompanyKinds);
        }

        var organization = organizations[(int)(organizations.Count * Math.Pow(random.NextDouble(), 2.2))];
        if (organization.Japanese)
        {
            var stem = organization.Name.Replace("株式会社", "", StringComparison.Ordinal).Replace("合同会社", "", StringComparison.Ordinal)
                .Replace("有限会社", "", StringComparison.Ordinal);
            return random.Next(2) == 0 ? stem : stem[..Math.Min(stem.Length, 4)];
        }

        return organization.Name.Split(' ')[0];
    }

    /// <summary>Katakana to hiragana (the readings people type either way).</summary>
    public static string ToHiragana(string katakana)
    {
        ArgumentNullException.ThrowIfNull(katakana);
        var builder = new StringBuilder(katakana.Length);
        foreach (var c in katakana)
        {
            builder.Append(c is >= '\u30a1' and <= '\u30f6' ? (char)(c - 0x60) : c);
        }

        return builder.ToString();
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> list) => list[random.Next(list.Count)];

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static void Shuffle<T>(Random random, List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
