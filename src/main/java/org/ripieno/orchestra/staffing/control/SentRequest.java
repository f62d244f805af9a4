package org.ripieno.orchestra.staffing.control;

import org.ripieno.orchestra.staffing.entity.Request;

/**
 * One request a send created.
 *
 * @param id the request's integer id
 * @param requestId its code ({@code REQ###})
 * @param musicianId the musician's integer id
 * @param needId the need's integer id
 */
public record SentRequest(Integer id, String requestId, Integer musicianId, Integer needId) {

  static SentRequest of(Request request) {
    return new SentRequest(
        request.getId(),
        request.getRequestId(),
        request.getMusicianId(),
        request.getProjectNeedId());
  }
}
