using Situation.Contracts.Entities;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Grains.Spatial;

namespace Situation.Server.Incidents;

/// <summary>What the entities an incident concerns say about it: who must act, in which district, and where to show it.</summary>
public static class IncidentSubjects
{
    /// <summary>The views of the entities named, or the first that does not exist.</summary>
    public static async Task<(EntityView[] Views, EntityRef? Missing)> Read(IGrainFactory grains, IEnumerable<EntityRef> subjects)
    {
        var views = new List<EntityView>();
        foreach (var subject in subjects)
        {
            if (EntityTable.Find(subject.Type) is not { } entity || await entity.GrainOf(grains, subject.Id).GetView() is not { } view)
                return ([], subject);
            views.Add(view);
        }
        return ([.. views], null);
    }

    /// <summary>The enterprise an entity's fault is for: a site's, office's or route's operator, a checkpoint's wifi provider; none for an area.</summary>
    public static string? EnterpriseOf(EntityView view) => view switch
    {
        SiteView site => site.Operator,
        IStatusView postal => postal.Operator,
        CheckpointView checkpoint => checkpoint.WifiOperator,
        _ => null,
    };

    /// <summary>Where a marker for it goes: the first point among the entities, else the middle of the first line or area.</summary>
    public static GeoPoint? PlaceOf(IReadOnlyList<EntityView> views)
    {
        foreach (var view in views)
            if (view.Geometry is GeoPoint point)
                return point;
        foreach (var view in views)
            if (view.Geometry is GeoShape shape)
            {
                var geometry = Geo.Read(shape);
                var middle = geometry.Dimension == NetTopologySuite.Geometries.Dimension.Curve
                    ? geometry.Coordinates[geometry.Coordinates.Length / 2]
                    : geometry.InteriorPoint.Coordinate;
                return new GeoPoint(middle.X, middle.Y).Rounded();
            }
        return null;
    }
}
