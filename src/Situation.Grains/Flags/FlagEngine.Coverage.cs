using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using Situation.Contracts.Model;
using Situation.Contracts.Views;
using Situation.Grains.Spatial;
using static Situation.Contracts.Model.Words;

namespace Situation.Grains.Flags;

/// <summary>
/// The spatial part: districts and active zones cut into grid cells, base stations' coverage discs
/// placed in the cells they reach, and each area's coverage now and before (its base) from them.
/// </summary>
public sealed partial class FlagEngine
{
    private void ApplyDistrict(DistrictView district)
    {
        if (_districts.TryGetValue(district.Id, out var held) && held.Version >= district.Version)
            return;
        _districts[district.Id] = district;
        if (held is null || held.Boundary != district.Boundary)
            BuildArea(EntityType.District, district.Id, district.Id, district.Boundary);
    }

    private void ApplyZone(ZoneView zone)
    {
        if (_zones.TryGetValue(zone.Id, out var held) && held.Version >= zone.Version)
            return;
        _zones[zone.Id] = zone;
        // A partition that held a zone before it moved to another district keeps hearing of it,
        // but its area, and so its flags and its share of the power queue, are the new district's.
        if (zone.Status != ZoneStatus.Active || !_owns(zone.DistrictId))
            RemoveArea(EntityType.Zone, zone.Id);
        else if (held is null || held.Status != ZoneStatus.Active || held.Boundary != zone.Boundary || held.DistrictId != zone.DistrictId)
            BuildArea(EntityType.Zone, zone.Id, zone.DistrictId, zone.Boundary);
    }

    private void BuildArea(string type, string id, string districtId, GeoShape boundary)
    {
        RemoveArea(type, id);
        var shape = _projection.Project(Geo.Read(boundary));
        var area = new Area(type, id, districtId, shape, PreparedGeometryFactory.Prepare(shape));
        var envelope = shape.EnvelopeInternal;
        foreach (var (_, part) in GridCut.Cut(shape, _settings.CellSizeMetres, _projection.Factory))
        {
            var cell = new Cell(area, part);
            area.Cells.Add(cell);
            _cellIndex.Insert(part.EnvelopeInternal, cell);
            foreach (var site in _discs.Near(part.EnvelopeInternal))
                if (cell.Meets(site.Disc!))
                {
                    cell.Discs.Add(site);
                    site.Cells.Add(cell);
                }
            _dirtyBase.Add(cell);
            _dirtyNow.Add(cell);
        }
        _areas[(type, id)] = area;
        _areaIndex.Insert(envelope, area);
        foreach (var (routeId, route) in _routes)
            if (area.Prepared.Intersects(route.Path)) area.Routes.Add(routeId);
        foreach (var (officeId, office) in _offices)
            if (area.Prepared.Contains(office.At)) area.Offices.Add(officeId);
        _touchedAreas.Add(area);
    }

    private void RemoveArea(string type, string id)
    {
        if (!_areas.Remove((type, id), out var area))
            return;
        _areaIndex.Remove(area.Shape.EnvelopeInternal, area);
        foreach (var cell in area.Cells)
        {
            _cellIndex.Remove(cell.Shape.EnvelopeInternal, cell);
            foreach (var site in cell.Discs)
                site.Cells.Remove(cell);
            _dirtyNow.Remove(cell);
            _dirtyBase.Remove(cell);
        }
        _touchedAreas.Remove(area);
        var subject = new FlagSubject(type, id);
        _flags.Clear(FlagKind.ConnectivityGap, subject);
        _flags.Clear(FlagKind.PostalGap, subject);
    }

    private void PlaceDisc(SiteModel site)
    {
        if (site.View.Kind != SiteKind.Bts || site.View.CoverageRadiusM is not > 0)
            return;
        var centre = _projection.Project(site.View.Location.Lon, site.View.Location.Lat);
        site.Disc = new CoverageDisc(centre.X, centre.Y, site.View.CoverageRadiusM.Value, _settings.QuadrantSegments);
        _discs.Add(site);
        foreach (var cell in _cellIndex.Query(site.Disc.Envelope))
            if (cell.Meets(site.Disc))
            {
                cell.Discs.Add(site);
                site.Cells.Add(cell);
                _dirtyBase.Add(cell);
                _dirtyNow.Add(cell);
            }
    }

    private void RemoveDisc(SiteModel site)
    {
        if (site.Disc is null)
            return;
        _discs.Remove(site);
        foreach (var cell in site.Cells)
        {
            cell.Discs.Remove(site);
            _dirtyBase.Add(cell);
            _dirtyNow.Add(cell);
        }
        site.Cells.Clear();
        site.Disc = null;
    }

    private void FlagArea(Area area)
    {
        var subject = new FlagSubject(area.Type, area.Id);
        var (now, @base) = (Fraction(area.Now), Fraction(area.Base));
        Flag(FlagKind.ConnectivityGap, subject, area.DistrictId, FlagRules.ConnectivityGap(now, @base, _settings),
            new Dictionary<string, double> { ["now"] = now, ["base"] = @base });

        var routesRunning = area.Routes.Count(r => _routes.TryGetValue(r, out var route) && FlagRules.Serves(route.View, route.Stale));
        var officesOpen = area.Offices.Count(o => _offices.TryGetValue(o, out var office) && FlagRules.Serves(office.View, office.Stale));
        Flag(FlagKind.PostalGap, subject, area.DistrictId, FlagRules.PostalGap(area.Type, area.Routes.Count, area.Offices.Count, routesRunning, officesOpen),
            new Dictionary<string, double> { ["routes"] = area.Routes.Count, ["offices"] = area.Offices.Count });
    }

    /// <summary>
    /// Coverage fractions are sums of polygon areas; rounded to 1e-9 so that a threshold is met or not
    /// the same way whatever order the areas were added in.
    /// </summary>
    private static double Fraction(double value) => Math.Round(value, 9);
}
