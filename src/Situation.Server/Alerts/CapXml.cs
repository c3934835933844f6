using System.Globalization;
using System.Text;
using System.Xml;
using Situation.Grains.Directives;

namespace Situation.Server.Alerts;

/// <summary>
/// Writes alerts as CAP 1.2 XML (the elements in the order the standard's schema sets) and lists
/// them as an Atom feed (RFC 4287), each entry linking to its alert.
/// </summary>
public static class CapXml
{
    public const string Namespace = "urn:oasis:names:tc:emergency:cap:1.2";
    public const string MediaType = "application/cap+xml";
    private const string Atom = "http://www.w3.org/2005/Atom";

    /// <summary>CAP's times: to the second, with the offset (Gia Lai's), never "Z".</summary>
    public static string Time(DateTimeOffset at) =>
        at.ToOffset(ObligationRules.LocalOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string Write(CapAlert alert, string sender)
    {
        var text = new StringBuilder();
        using (var w = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("alert", Namespace);
            w.WriteElementString("identifier", Namespace, alert.Identifier);
            w.WriteElementString("sender", Namespace, sender);
            w.WriteElementString("sent", Namespace, Time(alert.Sent));
            w.WriteElementString("status", Namespace, "Actual");
            w.WriteElementString("msgType", Namespace, "Alert");
            w.WriteElementString("scope", Namespace, "Public");
            foreach (var info in alert.Info)
            {
                w.WriteStartElement("info", Namespace);
                w.WriteElementString("language", Namespace, info.Language);
                w.WriteElementString("category", Namespace, alert.Category);
                w.WriteElementString("event", Namespace, info.Event);
                w.WriteElementString("urgency", Namespace, alert.Urgency);
                w.WriteElementString("severity", Namespace, alert.Severity);
                w.WriteElementString("certainty", Namespace, alert.Certainty);
                w.WriteElementString("senderName", Namespace, info.SenderName);
                w.WriteElementString("headline", Namespace, info.Headline);
                w.WriteElementString("description", Namespace, info.Description);
                w.WriteStartElement("area", Namespace);
                w.WriteElementString("areaDesc", Namespace, alert.Area.Description);
                foreach (var polygon in alert.Area.Polygons) w.WriteElementString("polygon", Namespace, polygon);
                foreach (var circle in alert.Area.Circles) w.WriteElementString("circle", Namespace, circle);
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"");
    }

    /// <summary>The alerts as an Atom feed, newest first; each entry links to its CAP document.</summary>
    public static string Feed(IReadOnlyList<CapAlert> alerts, Uri self, Func<CapAlert, Uri> link, DateTimeOffset now)
    {
        var text = new StringBuilder();
        using (var w = XmlWriter.Create(text, new XmlWriterSettings { Indent = true }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("feed", Atom);
            w.WriteElementString("id", Atom, "urn:situation:gialai:alerts");
            w.WriteElementString("title", Atom, "Situation — Gia Lai: CAP alerts");
            w.WriteElementString("updated", Atom, AtomTime(alerts.Count > 0 ? alerts[0].Sent : now));
            w.WriteStartElement("author", Atom);
            w.WriteElementString("name", Atom, "Sở Thông tin và Truyền thông Gia Lai");
            w.WriteEndElement();
            Link(w, "self", self, "application/atom+xml");
            foreach (var alert in alerts)
            {
                var vietnamese = alert.Info[0];
                w.WriteStartElement("entry", Atom);
                w.WriteElementString("id", Atom, $"urn:situation:gialai:alert:{alert.Identifier}");
                w.WriteElementString("title", Atom, vietnamese.Headline);
                w.WriteElementString("updated", Atom, AtomTime(alert.Sent));
                w.WriteElementString("summary", Atom, vietnamese.Description);
                Link(w, "alternate", link(alert), MediaType);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"");
    }

    private static string AtomTime(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Link(XmlWriter w, string rel, Uri href, string type)
    {
        w.WriteStartElement("link", Atom);
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("type", type);
        w.WriteAttributeString("href", href.ToString());
        w.WriteEndElement();
    }
}
