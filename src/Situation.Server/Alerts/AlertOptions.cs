namespace Situation.Server.Alerts;

/// <summary>The CAP alerts (<c>Situation:Alerts</c>).</summary>
public sealed class AlertOptions
{
    /// <summary>CAP's <c>sender</c>: who issues the alerts, unambiguously (the DIC's address for them).</summary>
    public string Sender { get; set; } = "situation@stttt.gialai.gov.vn";
}
