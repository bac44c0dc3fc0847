namespace Marketing.Reports.Charts;

/// <summary>A rendered chart: <see cref="Name"/> is the file stem (volume → volume.png, volume.svg).</summary>
public sealed record ChartImage(string Name, string Title, byte[] Png, string Svg);
