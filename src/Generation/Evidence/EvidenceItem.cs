namespace Marketing.Generation.Evidence;

/// <summary>
/// One finding the copy may rest on, with references back to the store: post:{platform}/{id}, burst:{key},
/// topic:{id}, segment:{id}.
/// </summary>
/// <param name="Id">theme:{slug}, pain:{slug}, hashtag:{tag}, burst:{key}, topic:{id} or segment:{id}.</param>
/// <param name="Kind">theme, pain_point, hashtag, burst, topic or segment.</param>
/// <param name="Label">The term, phrase, hashtag or label, as people would say it.</param>
/// <param name="Count">Posts behind it.</param>
/// <param name="Score">Rank score (distinctiveness, growth or burst score): higher first.</param>
/// <param name="Refs">Store references, best examples first (at most a few).</param>
public sealed record EvidenceItem(string Id, string Kind, string Label, long Count, double Score, IReadOnlyList<string> Refs);
