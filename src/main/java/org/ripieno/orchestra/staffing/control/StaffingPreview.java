package org.ripieno.orchestra.staffing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ripieno.orchestra.projects.control.Projects;
import org.ripieno.orchestra.projects.entity.Project;
import org.ripieno.orchestra.staffing.control.Previews.NeedPreview;
import org.ripieno.orchestra.staffing.control.Previews.ProjectPreview;
import org.ripieno.orchestra.staffing.control.RecipientSelection.Plan;

/** Dry runs of sending, from the same {@link RecipientSelection} the sending uses. */
@ApplicationScoped
public class StaffingPreview {

  @Inject Projects projects;
  @Inject SelectionLoader loader;

  public ProjectPreview project(int projectId) {
    Project project = projects.find(projectId);
    SelectionLoader.Loaded loaded = loader.load(project);
    Map<Integer, NeedRow> needs =
        loaded.needs().stream().collect(Collectors.toMap(NeedRow::id, Function.identity()));
    List<NeedPreview> previews =
        RecipientSelection.forProject(loaded.input()).stream()
            .map(plan -> NeedPreview.of(needs.get(plan.needId()), plan))
            .toList();
    return new ProjectPreview(
        project.getId(),
        loaded.input().conflicts().value(),
        loaded.input().sameWeek().value(),
        previews.stream().mapToInt(NeedPreview::toSend).sum(),
        previews);
  }

  public NeedPreview need(int projectId, int needId) {
    Project project = projects.find(projectId);
    SelectionLoader.Loaded loaded = loader.load(project);
    NeedRow need =
        loaded.needs().stream()
            .filter(n -> n.id() == needId)
            .findFirst()
            .orElseThrow(() -> NeedRules.noSuchNeed(needId));
    Plan plan = RecipientSelection.forNeed(loaded.input(), needId);
    return NeedPreview.of(need, plan);
  }
}
