using Marketing.TestSupport;
using NUnit.Framework;

namespace Marketing.System.Tests;

/// <summary>docker/compose.yaml: every long-running service has a health check and a restart policy.</summary>
[TestFixture]
public sealed class ComposeFileTests
{
    [Test]
    public void Long_running_services_have_health_checks_and_restart_policies_and_one_shots_do_not_restart_forever()
    {
        var services = Services(File.ReadAllLines(Path.Combine(TestPaths.RepoRoot, "docker", "compose.yaml")));
        Assert.Multiple(() =>
        {
            Assert.That(services.Keys, Is.SupersetOf(new[] { "kafka", "postgres", "consumer", "kafka-init", "status" }));
            foreach (var name in new[] { "kafka", "postgres", "consumer" })
            {
                Assert.That(services[name], Does.Contain("healthcheck:"), $"{name} has a health check");
                Assert.That(services[name], Does.Contain("restart: unless-stopped"), $"{name} comes back after a crash");
                Assert.That(services[name], Does.Contain("stop_grace_period:"), $"{name} gets time to stop cleanly");
            }

            Assert.That(services["consumer"], Does.Contain("condition: service_healthy"), "consumers start on healthy Kafka and PostgreSQL");
            Assert.That(services["consumer"], Does.Contain("\"status\""), "the consumer's health check is mkt status");
            Assert.That(services["kafka-init"], Does.Contain("restart: on-failure"), "topic creation is retried until it succeeds");
            Assert.That(services["status"], Does.Contain("restart: \"no\""));
        });
    }

    /// <summary>The text of each service block (two-space indented keys under <c>services:</c>).</summary>
    private static Dictionary<string, string> Services(string[] lines)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var inServices = false;
        string? current = null;
        foreach (var line in lines)
        {
            if (!line.StartsWith(' ') && line.Length > 0 && !line.StartsWith('#'))
            {
                inServices = line.StartsWith("services:", StringComparison.Ordinal);
                current = null;
                continue;
            }

            if (!inServices)
            {
                continue;
            }

            if (line.Length > 2 && line[..2] == "  " && line[2] != ' ' && line[2] != '#' && line.TrimEnd().EndsWith(':'))
            {
                current = line.Trim().TrimEnd(':');
                result[current] = "";
            }
            else if (current is not null)
            {
                result[current] += line + "\n";
            }
        }

        return result;
    }
}
